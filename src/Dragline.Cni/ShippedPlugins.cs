namespace Dragline.Cni;

/// <summary>
/// The Dragline CNI plugins this build ships in its multi-call binary, and the ones planned but not built yet.
/// The single source of truth: the binary's catalog serves exactly <see cref="Names"/>, <c>build.sh</c>
/// installs exactly these symlinks (a unit test compares all three), and <c>dragline render</c> warns when a
/// rendered network names a <c>dragline-*</c> plugin outside this list. It lives here, not in the plugins
/// executable, so that the CLI can read it without referencing an executable.
/// </summary>
public static class ShippedPlugins
{
    /// <summary>The prefix of every Dragline plugin's installed name.</summary>
    public const string Prefix = "dragline-";

    public const string Ipam = "dragline-ipam";

    /// <summary>Every plugin the multi-call binary serves, by the name it is installed under.</summary>
    public static IReadOnlyList<string> Names { get; } = [Ipam];

    /// <summary>Dragline plugins the design has (ARCHITECTURE.md) that are not built yet.</summary>
    public static IReadOnlyList<string> Planned { get; } =
        ["dragline-coordinator", "dragline-rdma", "dragline-sriov", "dragline-ib-sriov", "dragline-ifacer", "dragline-ipoib"];

    /// <summary>True for a <c>dragline-*</c> type name that this build does not ship (planned or unknown); false for other types.</summary>
    public static bool IsMissingDraglinePlugin(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.StartsWith(Prefix, StringComparison.Ordinal) && !Names.Contains(type, StringComparer.Ordinal);
    }
}
