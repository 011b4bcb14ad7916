namespace Dragline.Api.Multus;

/// <summary>The coordinator <c>mode</c> values.</summary>
public static class CoordinatorModes
{
    public const string Auto = "auto";
    public const string Underlay = "underlay";
    public const string Overlay = "overlay";

    /// <summary>The CRD's spelling; the coordinator plugin reads <c>disable</c>.</summary>
    public const string Disabled = "disabled";

    public static IReadOnlyList<string> All { get; } = [Auto, Underlay, Overlay, Disabled];

    /// <summary>
    /// The spelling the coordinator plugin understands: the CRD says <c>disabled</c> but Spiderpool's plugin
    /// only knows <c>disable</c> (and fails with <c>unknown tuneMode: disabled</c>), so render <c>disable</c>.
    /// </summary>
    public static string PluginSpelling(string mode) => mode == Disabled ? "disable" : mode;
}
