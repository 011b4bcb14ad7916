namespace Dragline.Testing.Sysfs;

/// <summary>A folder under the temp directory that is deleted (links themselves, never their targets) on dispose.</summary>
public sealed class TemporaryTree : IDisposable
{
    public TemporaryTree()
    {
        string parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dragline-sysfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(parent);
        Path = System.IO.Path.Combine(parent, "root");
    }

    /// <summary>The root of the tree; it does not exist until something is written there.</summary>
    public string Path { get; }

    public void Dispose()
    {
        string parent = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(parent))
        {
            // Directory.Delete does not follow symbolic links to folders; it removes the links.
            Directory.Delete(parent, recursive: true);
        }
    }
}
