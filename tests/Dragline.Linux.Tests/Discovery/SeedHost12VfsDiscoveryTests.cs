using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Tests.Discovery.Fixtures;

namespace Dragline.Linux.Tests.Discovery;

/// <summary>The seed's host after the policy created 12 VFs on 0000:86:00.0 (VF RDMA devices mlx5_2 to mlx5_13).</summary>
public sealed class SeedHost12VfsDiscoveryTests(SeedHost12VfsScenario scenario) : IClassFixture<SeedHost12VfsScenario>
{
    private static readonly PciAddress Pf0 = PciAddress.Parse("0000:86:00.0");

    private HostInventory Inventory => scenario.Inventory;

    public static TheoryData<int> VfIndexes() => new(Enumerable.Range(0, 12));

    // ConnectX-5 PF0: first VF offset 2, stride 1, so VF n is devfn 2+n.
    private static PciAddress VfAddress(int index) => new(0, 0x86, (byte)((2 + index) / 8), (byte)((2 + index) % 8));

    [Fact]
    public void PfListsTwelveVirtfnLinksInIndexOrder()
    {
        SriovCapability sriov = Inventory.FindPci(Pf0)!.Sriov!;
        Assert.Equal(127, sriov.TotalVfs);
        Assert.Equal(12, sriov.NumVfs);
        Assert.Equal(Enumerable.Range(0, 12), sriov.VirtualFunctions.Select(v => v.Index));
        Assert.Equal(Enumerable.Range(0, 12).Select(VfAddress), sriov.VirtualFunctions.Select(v => v.Address));
        Assert.Equal("0000:86:01.5", sriov.VirtualFunctions[^1].Address.ToString());
    }

    [Theory]
    [MemberData(nameof(VfIndexes))]
    public void EachVfNetdevMapsToItsPfIndexAndRdmaDevice(int index)
    {
        NetDevice netdev = Assert.IsType<NetDevice>(Inventory.FindNet($"ibs5f0v{index}"));
        Assert.Equal(VfAddress(index), netdev.PciAddress);

        PciDevice vf = Inventory.FindPci(netdev.PciAddress!.Value)!;
        Assert.Equal("15b3:1018", vf.VendorDevice);
        Assert.Null(vf.Sriov);
        Assert.Equal(new VirtualFunctionOrigin(Pf0, index), vf.VirtualFunctionOf);

        string rdmaName = $"mlx5_{index + 2}";
        Assert.Equal([rdmaName], vf.RdmaDevices);
        RdmaDevice rdma = Inventory.FindRdma(rdmaName)!;
        Assert.Equal(vf.Address, rdma.PciAddress);
        Assert.Equal(netdev.Name, Assert.Single(rdma.Ports).NetDevice);
        Assert.Contains(rdma.CharDevices, c => c.Name == $"uverbs{index + 2}" && c.Exists);
    }

    [Fact]
    public void VfsShareThePfsPciePosition()
    {
        PciDevice pf = Inventory.FindPci(Pf0)!;
        PciDevice vf = Inventory.FindPci(VfAddress(11))!;
        Assert.Equal(pf.PciePath.Bridges, vf.PciePath.Bridges);
        Assert.Equal(PcieRelation.SameSwitch, PcieTopology.Relation(pf, vf));
    }

    [Fact]
    public void RdmaNicsAreOnlyPhysicalFunctions()
    {
        Assert.Equal(14, Inventory.RdmaDevices.Count);
        Assert.Equal([Pf0, PciAddress.Parse("0000:86:00.1")], Inventory.RdmaNics.Select(n => n.Address));
    }
}
