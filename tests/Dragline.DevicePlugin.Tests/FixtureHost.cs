using Dragline.DevicePlugin.Pools;
using Dragline.Linux.Discovery;
using Dragline.Testing.Sysfs;

namespace Dragline.DevicePlugin.Tests;

/// <summary>A fixture scenario materialised into a writable temp folder, discovered on demand (tests change files and discover again).</summary>
public sealed class FixtureHost : IDisposable
{
    private readonly TemporaryTree _tree;

    public FixtureHost(string scenario)
    {
        _tree = SysfsFixtures.Materialise(scenario);
        Root = new HostRoot(_tree.Path);
        DeviceInfoDirectory = Path.Combine(Path.GetDirectoryName(_tree.Path)!, "devinfo");
    }

    public HostRoot Root { get; }

    public string DeviceInfoDirectory { get; }

    public HostView Discover() => new(new HostDiscovery(Root).Discover());

    /// <summary>Writes a one-line attribute file (with the newline sysfs prints), relative to the root.</summary>
    public void Write(string relative, string value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Root.Combine(relative))!);
        File.WriteAllText(Root.Combine(relative), value + "\n");
    }

    /// <summary>Removes a file or a symbolic link (never what a link points to).</summary>
    public void Remove(string relative) => File.Delete(Root.Combine(relative));

    public void Dispose() => _tree.Dispose();
}
