namespace Dragline.Testing.Sriov;

/// <summary>
/// For tests: a copy of a fixture tree (files, folders and symbolic links, links copied as links) in a fresh temp
/// folder that <see cref="FakeSriovKernel"/> may change; deleted on dispose (links themselves, never their targets).
/// </summary>
public sealed class WritableFixtureTree : IDisposable
{
    private readonly string _parent;

    public WritableFixtureTree(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"The fixture tree {source} does not exist: run tests/testdata/sysfs/build.sh to materialise it.");
        }

        _parent = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dragline-sriov-" + Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(_parent, "root");
        Copy(new DirectoryInfo(source), Path);
    }

    /// <summary>The root of the copy.</summary>
    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(_parent))
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    private static void Copy(DirectoryInfo source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (FileSystemInfo entry in source.EnumerateFileSystemInfos())
        {
            string target = System.IO.Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo dir)
            {
                Copy(dir, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }
}
