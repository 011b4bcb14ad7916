namespace Dragline.Lab;

/// <summary>Where the lab looks for CNI plugins.</summary>
public static class LabCniPath
{
    /// <summary>The reference plugins of Debian's containernetworking-plugins.</summary>
    public const string ReferencePluginDirectory = "/usr/lib/cni";

    /// <summary>Our plugins next to the running binary (<c>artifacts/cni</c> for <c>artifacts/bin/dragline</c>), then Debian's <c>/usr/lib/cni</c>.</summary>
    public static IReadOnlyList<string> Default()
    {
        var path = new List<string>();
        string? binary = Environment.ProcessPath;
        string? directory = binary is null ? null : Path.GetDirectoryName(binary);
        if (directory is not null)
        {
            path.Add(Path.GetFullPath(Path.Combine(directory, "..", "cni")));
            path.Add(directory);
        }

        path.Add(ReferencePluginDirectory);
        path.Add("/opt/cni/bin");
        return path;
    }
}
