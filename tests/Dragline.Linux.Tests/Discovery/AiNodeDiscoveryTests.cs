using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Tests.Discovery.Fixtures;

namespace Dragline.Linux.Tests.Discovery;

/// <summary>8 H100 GPUs and 8 ConnectX-7 NICs; each GPU shares a PCIe switch with exactly one NIC.</summary>
public sealed class AiNodeDiscoveryTests(AiNodeScenario scenario) : IClassFixture<AiNodeScenario>
{
    private HostInventory Inventory => scenario.Inventory;

    // GPU → the NIC under the same switch, as laid out in ai-node.tree.
    public static TheoryData<string, string, string, string> ExpectedPairs() => new()
    {
        { "0000:18:00.0", "0000:19:00.0", "ibp25s0", "mlx5_0" },
        { "0000:1c:00.0", "0000:1d:00.0", "ibp29s0", "mlx5_1" },
        { "0000:3a:00.0", "0000:3b:00.0", "ibp59s0", "mlx5_2" },
        { "0000:3e:00.0", "0000:3f:00.0", "ibp63s0", "mlx5_3" },
        { "0000:9d:00.0", "0000:9e:00.0", "ibp158s0", "mlx5_4" },
        { "0000:a1:00.0", "0000:a2:00.0", "ibp162s0", "mlx5_5" },
        { "0000:ba:00.0", "0000:bb:00.0", "ibp187s0", "mlx5_6" },
        { "0000:be:00.0", "0000:bf:00.0", "ibp191s0", "mlx5_7" },
    };

    [Fact]
    public void EightGpusAndEightRdmaNics()
    {
        Assert.Equal(8, Inventory.Gpus.Count());
        Assert.All(Inventory.Gpus, g => Assert.Equal("10de:2330", g.VendorDevice));
        Assert.Equal(8, Inventory.RdmaNics.Count());
        Assert.All(Inventory.RdmaNics, n => Assert.Equal("15b3:1021", n.VendorDevice));
    }

    [Theory]
    [MemberData(nameof(ExpectedPairs))]
    public void EachGpusNearestNicIsTheOneUnderItsSwitch(string gpu, string nic, string netdev, string rdma)
    {
        GpuNicAffinity row = Assert.Single(Inventory.GpuNicAffinities(), r => r.Gpu.Address.ToString() == gpu);
        Assert.Equal(PcieRelation.SameSwitch, row.Relation);
        AffineNic nearest = Assert.Single(row.NearestNics);
        Assert.Equal(PciAddress.Parse(nic), nearest.Address);
        Assert.Equal(netdev, nearest.NetDevice);
        Assert.Equal(rdma, nearest.RdmaDevice);
    }

    [Fact]
    public void GpuPathGoesThroughRootPortAndTwoSwitchPorts()
    {
        PciePath path = Inventory.FindPci(PciAddress.Parse("0000:18:00.0"))!.PciePath;
        Assert.Equal("pci0000:15", path.HostBridge);
        Assert.Equal(["0000:15:01.0", "0000:16:00.0", "0000:17:00.0"], path.Bridges.Select(b => b.ToString()));
    }

    [Theory]
    [InlineData("0000:19:00.0", PcieRelation.SameSwitch)]
    [InlineData("0000:1d:00.0", PcieRelation.SameHostBridge)]
    [InlineData("0000:3b:00.0", PcieRelation.SameNumaNode)]
    [InlineData("0000:9e:00.0", PcieRelation.CrossNuma)]
    public void FirstGpuRelationsToOtherNics(string nic, PcieRelation expected)
    {
        PciDevice gpu = Inventory.FindPci(PciAddress.Parse("0000:18:00.0"))!;
        Assert.Equal(expected, PcieTopology.Relation(gpu, Inventory.FindPci(PciAddress.Parse(nic))!));
    }

    [Fact]
    public void GpuDirectModuleIsLoadedAndNetnsModeIsShared()
    {
        Assert.True(Inventory.Kernel.HasModule("nvidia_peermem"));
        Assert.Equal(RdmaNetnsMode.Shared, new SysfsRdmaNetnsModeSource(scenario.Root).TryRead()!.Mode);
        Assert.Empty(Inventory.PersistedNetnsModes);
    }
}
