using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.Testing.Sysfs;

namespace Dragline.DevicePlugin.Tests;

public sealed class VfSelectorTests(SharedSeedHost seed) : IClassFixture<SharedSeedHost>
{
    private string[][] Select(string json, FixtureHost? changed = null) =>
        VfDeviceSelector.Select(changed?.Discover() ?? seed.View, DevicePluginConfigParser.Parse(json, "t").VfPools)
            .Select(p => p.Select(d => d.Device.Address.ToString()).ToArray())
            .ToArray();

    private static string Pool(string selectors) => $$"""{"resourceList":[{"resourceName":"p","selectors":{{selectors}}}]}""";

    [Fact]
    public void SeedSelectorTakesTheTwelveVfs() =>
        Assert.Equal(SeedConfig.VfAddresses, Assert.Single(Select(SeedConfig.Json)));

    [Theory]
    [InlineData("""{"pfNames":["ibs5f0#0-3"]}""", "0000:86:00.2,0000:86:00.3,0000:86:00.4,0000:86:00.5")]
    [InlineData("""{"pfNames":["IBS5F0#11"]}""", "0000:86:01.5")]
    [InlineData("""{"rootDevices":["0000:86:00.0#10-11"]}""", "0000:86:01.4,0000:86:01.5")]
    [InlineData("""{"rootDevices":["0000:86:00.1"]}""", "")]
    [InlineData("""{"pciAddresses":["0000:86:00.7"]}""", "0000:86:00.7")]
    [InlineData("""{"devices":["1018"],"linkTypes":["ether"]}""", "")]
    [InlineData("""{"drivers":["vfio-pci"]}""", "")]
    [InlineData("""{"pKeys":["0x7fff"]}""", "")]
    // The PF with VFs (0000:86:00.0) is never offered; the PF without VFs is.
    [InlineData("""{"devices":["1017"]}""", "0000:86:00.1")]
    public void SelectorKeys(string selectors, string expected) =>
        Assert.Equal(expected, string.Join(',', Assert.Single(Select(Pool(selectors)))));

    [Fact]
    public void SelectorsInAListAndPoolsInOrderTakeEachDeviceOnce()
    {
        const string Json = """
            {"resourceList":[
              {"resourceName":"first","selectors":[{"pfNames":["ibs5f0#0-1"]},{"pfNames":["ibs5f0#1-2"]}]},
              {"resourceName":"rest","selectors":{"vendors":["15b3"],"devices":["1018"]}}]}
            """;
        string[][] pools = Select(Json);
        Assert.Equal(["0000:86:00.2", "0000:86:00.3", "0000:86:00.4"], pools[0]);
        Assert.Equal(SeedConfig.VfAddresses[3..], pools[1]);
    }

    [Fact]
    public void ADeviceWithTheDefaultRouteIsNeverOffered()
    {
        using var host = new FixtureHost(SysfsFixtures.SeedHost12Vfs);
        host.Write("proc/net/route",
            "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\nibs5f1\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0");
        Assert.Empty(Assert.Single(Select(Pool("""{"devices":["1017"]}"""), host)));
    }

    [Fact]
    public void IsRdmaDropsVfsWithoutRdmaDevices()
    {
        // mlx5_13 vanishes from 0000:86:01.5 (as when mlx5_ib is not loaded for it).
        using var host = new FixtureHost(SysfsFixtures.SeedHost12Vfs);
        host.Remove("sys/class/infiniband/mlx5_13");
        Directory.Delete(host.Root.Combine("sys/devices/pci0000:85/0000:85:00.0/0000:86:01.5/infiniband"), recursive: true);
        Assert.Equal(SeedConfig.VfAddresses[..11], Assert.Single(Select(SeedConfig.Json, host)));
        Assert.Equal(12, Assert.Single(Select(Pool("""{"devices":["1018"]}"""), host)).Length);
    }
}
