using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;

namespace Dragline.Linux.Tests.Discovery;

public sealed class PcieTopologyTests
{
    private static PciDevice Device(string address, int numa, string hostBridge, params string[] bridges) => new()
    {
        Address = PciAddress.Parse(address),
        VendorId = 0x10de,
        DeviceId = 0x2330,
        ClassCode = 0x030200,
        NumaNode = numa,
        PciePath = new PciePath
        {
            HostBridge = hostBridge,
            Bridges = bridges.Select(PciAddress.Parse).ToArray(),
            SysfsPath = "sys/devices/" + hostBridge,
        },
    };

    [Fact]
    public void TwoLevelSwitchHierarchyIsAcrossSwitches()
    {
        // root port > switch A up > A down > switch B up > B down > device, versus a device on A's other port.
        PciDevice deep = Device("0000:05:00.0", 0, "pci0000:00", "0000:00:01.0", "0000:01:00.0", "0000:02:00.0", "0000:03:00.0", "0000:04:00.0");
        PciDevice shallow = Device("0000:06:00.0", 0, "pci0000:00", "0000:00:01.0", "0000:01:00.0", "0000:02:01.0");
        Assert.Equal(PcieRelation.AcrossSwitches, PcieTopology.Relation(deep, shallow));
        Assert.Equal(PcieRelation.AcrossSwitches, PcieTopology.Relation(shallow, deep));
    }

    [Fact]
    public void SharedRootPortOnlyIsAcrossSwitches()
    {
        PciDevice a = Device("0000:03:00.0", 0, "pci0000:00", "0000:00:01.0", "0000:01:00.0", "0000:02:00.0");
        PciDevice b = Device("0000:05:00.0", 0, "pci0000:00", "0000:00:01.0", "0000:04:00.0");
        Assert.Equal(PcieRelation.AcrossSwitches, PcieTopology.Relation(a, b));
    }

    [Fact]
    public void UnknownNumaCountsAsSameNode()
    {
        PciDevice a = Device("0000:03:00.0", -1, "pci0000:00", "0000:00:01.0");
        PciDevice b = Device("0000:83:00.0", 1, "pci0000:80", "0000:80:01.0");
        Assert.Equal(PcieRelation.SameNumaNode, PcieTopology.Relation(a, b));
    }

    [Theory]
    [InlineData(PcieRelation.SameSwitch, "PIX")]
    [InlineData(PcieRelation.AcrossSwitches, "PXB")]
    [InlineData(PcieRelation.SameHostBridge, "PHB")]
    [InlineData(PcieRelation.SameNumaNode, "NODE")]
    [InlineData(PcieRelation.CrossNuma, "SYS")]
    public void NvidiaSmiNames(PcieRelation relation, string name) => Assert.Equal(name, PcieTopology.NvidiaSmiName(relation));
}
