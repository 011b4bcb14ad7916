using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.Testing.Sysfs;

namespace Dragline.DevicePlugin.Tests;

public sealed class HealthTests : IDisposable
{
    private const string PfOperState = "sys/devices/pci0000:85/0000:85:00.0/0000:86:00.0/net/ibs5f0/operstate";
    private readonly FixtureHost _fixture = new(SysfsFixtures.SeedHost12Vfs);
    private readonly DevicePluginConfig _config = SeedConfig.Parse();
    private readonly VfResourcePool _pool;

    public HealthTests() => _pool = new VfResourcePool(_config.VfPools[0], new DeviceInfoFiles(_fixture.DeviceInfoDirectory));

    public void Dispose() => _fixture.Dispose();

    private bool Rescan()
    {
        HostView host = _fixture.Discover();
        return _pool.Update(host, VfDeviceSelector.Select(host, _config.VfPools)[0]);
    }

    [Fact]
    public void AnUnchangedHostSendsNothingNew()
    {
        Assert.True(Rescan());
        long version = _pool.Version;
        Assert.False(Rescan());
        Assert.Equal(version, _pool.Version);
        Assert.False(_pool.WaitForChangeAsync(version, TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public async Task PfLinkDownMakesEveryVfUnhealthyAndRecoveryHealthy()
    {
        Rescan();
        long version = _pool.Version;
        Task changed = _pool.WaitForChangeAsync(version, TestContext.Current.CancellationToken);

        _fixture.Write(PfOperState, "down");
        Assert.True(Rescan());
        await changed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(12, _pool.Devices.Count);
        Assert.All(_pool.Devices, d => Assert.Equal((false, "link of ibs5f0 is down"), (d.Healthy, d.UnhealthyReason)));

        _fixture.Write(PfOperState, "up");
        Assert.True(Rescan());
        Assert.All(_pool.Devices, d => Assert.True(d.Healthy));
        Assert.Equal(version + 2, _pool.Version);
    }

    [Fact]
    public void AVfThatDisappearsStaysListedUnhealthyAndComesBack()
    {
        Rescan();
        string link = "sys/bus/pci/devices/0000:86:01.5";
        string target = File.ResolveLinkTarget(_fixture.Root.Combine(link), false)!.ToString();
        _fixture.Remove(link);

        Assert.True(Rescan());
        AdvertisedDevice gone = Assert.Single(_pool.Devices, d => !d.Healthy);
        Assert.Equal(("0000:86:01.5", "0000:86:01.5 is gone from the host"), (gone.Id, gone.UnhealthyReason));
        Assert.Equal(12, _pool.Devices.Count);

        File.CreateSymbolicLink(_fixture.Root.Combine(link), target);
        Assert.True(Rescan());
        Assert.All(_pool.Devices, d => Assert.True(d.Healthy));
    }

    [Fact]
    public void AVfWhoseUverbsNodeIsMissingIsUnhealthy()
    {
        _fixture.Remove("dev/infiniband/uverbs5");
        Rescan();
        AdvertisedDevice bad = Assert.Single(_pool.Devices, d => !d.Healthy);
        Assert.Equal("0000:86:00.5", bad.Id);
        Assert.Contains("mlx5_5", bad.UnhealthyReason, StringComparison.Ordinal);
    }

    [Fact]
    public void VfsThatAppearAfterStartAreAdded()
    {
        string link = "sys/bus/pci/devices/0000:86:01.5";
        string target = File.ResolveLinkTarget(_fixture.Root.Combine(link), false)!.ToString();
        _fixture.Remove(link);
        Rescan();
        Assert.Equal(SeedConfig.VfAddresses[..11], _pool.Devices.Select(d => d.Id));

        File.CreateSymbolicLink(_fixture.Root.Combine(link), target);
        Assert.True(Rescan());
        Assert.Equal(SeedConfig.VfAddresses, _pool.Devices.Select(d => d.Id));
        Assert.All(_pool.Devices, d => Assert.True(d.Healthy));
    }

    [Fact]
    public void RedefiningThePoolReselectsAndAppliesExcludeTopology()
    {
        Rescan();
        Assert.All(_pool.Devices, d => Assert.Equal(1, d.NumaNode));
        _pool.Redefine(_config.VfPools[0] with { ExcludeTopology = true });
        Assert.True(Rescan());
        Assert.Equal(12, _pool.Devices.Count);
        Assert.All(_pool.Devices, d => Assert.Null(d.NumaNode));
    }
}
