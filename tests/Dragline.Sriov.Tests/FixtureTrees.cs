using Dragline.Linux.Discovery;
using Dragline.Testing;
using Dragline.Testing.Sriov;

namespace Dragline.Sriov.Tests;

/// <summary>The committed sysfs fixture trees (<c>tests/testdata/sysfs/SCENARIO</c>) and writable copies of them.</summary>
public static class FixtureTrees
{
    public const string SeedHost = "seed-host";
    public const string SeedHost12Vfs = "seed-host-12vfs";
    public const string RoceHost = "roce-host";
    public const string NoRdmaHost = "no-rdma-host";

    private static readonly string Folder = FindFolder();

    /// <summary>The committed tree of a scenario (read-only use).</summary>
    public static string Of(string scenario)
    {
        string path = Path.Combine(Folder, scenario);
        Assert.True(Directory.Exists(path), $"{path} is missing: run tests/testdata/sysfs/build.sh {scenario}");
        return path;
    }

    public static HostInventory Discover(string scenario, INetDeviceAltNameSource? altNames = null) =>
        new HostDiscovery(new HostRoot(Of(scenario)), altNames).Discover();

    /// <summary>A writable copy for the fake kernel.</summary>
    public static WritableFixtureTree Writable(string scenario) => new(Of(scenario));

    public static string RepositoryFile(params string[] parts) => Path.GetFullPath(Path.Combine([Folder, "..", "..", "..", .. parts]));

    private static string FindFolder()
    {
        return RepositoryPaths.File("tests", "testdata", "sysfs");
    }
}
