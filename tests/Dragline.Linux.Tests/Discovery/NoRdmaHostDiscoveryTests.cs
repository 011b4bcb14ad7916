using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Tests.Discovery.Fixtures;

namespace Dragline.Linux.Tests.Discovery;

/// <summary>A Debian host whose kernel could do RDMA but has nothing loaded; two igb ports in a bond.</summary>
public sealed class NoRdmaHostDiscoveryTests(NoRdmaHostScenario scenario) : IClassFixture<NoRdmaHostScenario>
{
    private HostInventory Inventory => scenario.Inventory;

    [Fact]
    public void NothingRdmaIsFound()
    {
        Assert.Empty(Inventory.RdmaDevices);
        Assert.Empty(Inventory.RdmaNics);
        Assert.False(Inventory.HasInfinibandDeviceFolder);
        Assert.False(Inventory.HasRdmaCmDevice);
        Assert.False(Inventory.Kernel.HasModule("ib_core"));
        Assert.Null(new SysfsRdmaNetnsModeSource(scenario.Root).TryRead());
    }

    [Fact]
    public void KernelCouldLoadRdmaModules()
    {
        Assert.True(Inventory.Kernel.Config!.IsEnabled("CONFIG_INFINIBAND"));
        Assert.Equal(new Version(6, 1), Inventory.Kernel.Version);
    }

    [Fact]
    public void IgbPortsAreSriovCapableWithoutVfs()
    {
        PciDevice[] nics = [.. Inventory.SriovNics];
        Assert.Equal(2, nics.Length);
        Assert.All(nics, n => Assert.Equal("igb", n.Driver));
        Assert.All(nics, n => Assert.Equal((7, 0), (n.Sriov!.TotalVfs, n.Sriov.NumVfs)));
        Assert.All(nics, n => Assert.Equal(-1, n.NumaNode));
    }

    [Fact]
    public void BondRelationsAreReadFromBothSides()
    {
        NetDevice bond = Inventory.FindNet("bond0")!;
        Assert.Equal(["eno1", "eno2"], bond.BondSlaves);
        Assert.Equal(["eno1", "eno2"], bond.LowerDevices);
        NetDevice slave = Inventory.FindNet("eno2")!;
        Assert.Equal("bond0", slave.Master);
        Assert.Equal(["bond0"], slave.UpperDevices);
        Assert.Equal(PciAddress.Parse("0000:02:00.1"), slave.PciAddress);
    }
}
