namespace Dragline.Api.Multus;

/// <summary>
/// One finding of the SpiderMultusConfig / SpiderCoordinator defaulting or validation rules.
/// </summary>
/// <param name="IsWarning">False for an error that rejects the object, true for a warning that does not.</param>
/// <param name="Path">JSON path of the field (<c>spec.macvlan.vlanID</c>), empty for the whole object.</param>
/// <param name="Message">Spiderpool's message text where Spiderpool has one, with what to do.</param>
public sealed record MultusProblem(bool IsWarning, string Path, string Message)
{
    public static MultusProblem Error(string path, string message) => new(false, path, message);

    public static MultusProblem Warning(string path, string message) => new(true, path, message);

    public override string ToString() => $"{(IsWarning ? "warning" : "error")}: {(Path.Length == 0 ? "" : Path + ": ")}{Message}";
}
