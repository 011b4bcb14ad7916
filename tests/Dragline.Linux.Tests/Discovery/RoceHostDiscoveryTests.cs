using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Tests.Discovery.Fixtures;

namespace Dragline.Linux.Tests.Discovery;

/// <summary>Two ConnectX-6 Dx RoCE ports, shared netns mode not persisted, a VLAN on the first port.</summary>
public sealed class RoceHostDiscoveryTests(RoceHostScenario scenario) : IClassFixture<RoceHostScenario>
{
    private HostInventory Inventory => scenario.Inventory;

    [Fact]
    public void BothPortsAreConnectX6DxEthernetFunctions()
    {
        PciDevice[] nics = [.. Inventory.RdmaNics];
        Assert.Equal(["0000:3b:00.0", "0000:3b:00.1"], nics.Select(n => n.Address.ToString()));
        Assert.All(nics, n => Assert.Equal("15b3:101d", n.VendorDevice));
        Assert.All(nics, n => Assert.Equal(0x020000u, n.ClassCode));
        Assert.All(nics, n => Assert.Equal(8, n.Sriov!.TotalVfs));
    }

    [Fact]
    public void EthernetNetdevHasMacAndSpeed()
    {
        NetDevice port = Inventory.FindNet("ens1f0np0")!;
        Assert.Equal(NetLinkType.Ether, port.LinkType);
        Assert.Equal(MacAddress.Parse("b8:3f:d2:4a:10:e0"), port.MacAddress);
        Assert.Equal(9000, port.Mtu);
        Assert.Equal(100000, port.SpeedMbps);
        Assert.Equal(PciAddress.Parse("0000:3b:00.0"), port.PciAddress);
        Assert.Equal(["ens1f0np0.100"], port.UpperDevices);
    }

    [Fact]
    public void VlanKnowsItsIdAndParent()
    {
        NetDevice vlan = Inventory.FindNet("ens1f0np0.100")!;
        Assert.Equal(100, vlan.VlanId);
        Assert.Equal("ens1f0np0", vlan.VlanParent);
        Assert.Equal(["ens1f0np0"], vlan.LowerDevices);
        Assert.Null(vlan.PciAddress);
    }

    [Fact]
    public void RocePortTakesItsNetdevFromGidAttributes()
    {
        RdmaDevice mlx = Inventory.FindRdma("mlx5_1")!;
        RdmaPort port = Assert.Single(mlx.Ports);
        Assert.Equal(RdmaLinkLayer.Ethernet, port.LinkLayer);
        Assert.Equal(0, port.Lid);
        Assert.Equal("ens1f1np1", port.NetDevice);
        Assert.Equal([0, 1, 2, 3], port.Gids.Select(g => g.Index));
        Assert.Equal("RoCE v2", port.Gids[3].Type);
        Assert.Equal("0000:0000:0000:0000:0000:ffff:ac10:010a", port.Gids[3].Gid);
    }

    [Fact]
    public void SharedModeIsReadAndNothingIsPersisted()
    {
        Assert.Equal(RdmaNetnsMode.Shared, new SysfsRdmaNetnsModeSource(scenario.Root).TryRead()!.Mode);
        Assert.Empty(Inventory.PersistedNetnsModes);
    }

    [Fact]
    public void KernelConfigComesFromBootFolderAndMemlockIsEightMiB()
    {
        KernelConfig config = Assert.IsType<KernelConfig>(Inventory.Kernel.Config);
        Assert.Equal("/boot/config-6.1.0-28-amd64", config.Source);
        Assert.True(config.IsEnabled("CONFIG_INFINIBAND"));
        Assert.Equal("m", config["CONFIG_INFINIBAND"]);
        ResourceLimit memlock = Inventory.Memlock!;
        Assert.Equal(8UL << 20, memlock.SoftBytes);
        Assert.Equal("8 MiB", memlock.SoftText);
        Assert.False(memlock.IsUnlimited);
    }
}
