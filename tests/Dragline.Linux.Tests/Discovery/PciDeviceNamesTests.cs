using Dragline.Linux.Discovery;
using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery;

public sealed class PciDeviceNamesTests
{
    [Theory]
    [InlineData(0x15b3, 0x1017, "ConnectX-5")]
    [InlineData(0x15b3, 0x1018, "ConnectX-5 VF")]
    [InlineData(0x15b3, 0x101d, "ConnectX-6 Dx")]
    [InlineData(0x8086, 0x10c9, "82576 (igb)")]
    public void KnownNicsHaveTheirModelName(int vendor, int device, string expected) =>
        Assert.Equal(expected, PciDeviceNames.Lookup((ushort)vendor, (ushort)device));

    [Fact]
    public void UnknownDevicesHaveNoName() => Assert.Null(PciDeviceNames.Lookup(0x10de, 0x2330));

    [Fact]
    public void SeedHostNicIsDescribedAsConnectX5()
    {
        using TemporaryTree tree = SysfsFixtures.Materialise(SysfsFixtures.SeedHost);
        HostInventory inventory = new HostDiscovery(new HostRoot(tree.Path)).Discover();
        PciDevice nic = inventory.PciDevices.Single(d => d.Address.ToString() == "0000:86:00.0");
        Assert.Equal("15b3:1017 ConnectX-5", PciDeviceNames.Describe(nic));
    }
}
