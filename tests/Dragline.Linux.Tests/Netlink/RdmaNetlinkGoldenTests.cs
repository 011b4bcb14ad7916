using Dragline.Linux.Netlink;

namespace Dragline.Linux.Tests.Netlink;

/// <summary>Every RDMA nldev request byte for byte (sriov-rdma.md 5.4: nlmsghdr then attributes; type = (5 &lt;&lt; 10) + command).</summary>
public sealed class RdmaNetlinkGoldenTests
{
    private static void AssertGolden(string expected, byte[] actual) => Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(actual));

    [Fact]
    public void DumpDevicesIsType5121WithDumpFlags() =>
        AssertGolden("10000000 0114 0503 00000000 00000000", RdmaNetlinkMessages.DumpDevices());

    [Fact]
    public void DumpPortsOfOneDevice() =>
        AssertGolden("18000000 0514 0503 00000000 00000000 | 0800 0100 01000000", RdmaNetlinkMessages.DumpPorts(1));

    [Fact]
    public void GetSystem() =>
        AssertGolden("10000000 0614 0500 00000000 00000000", RdmaNetlinkMessages.GetSystem());

    [Fact]
    public void SetNetnsMode()
    {
        AssertGolden("18000000 0714 0500 00000000 00000000 | 0500 4200 00 000000", RdmaNetlinkMessages.SetNetnsMode(RdmaNetnsMode.Exclusive));
        AssertGolden("18000000 0714 0500 00000000 00000000 | 0500 4200 01 000000", RdmaNetlinkMessages.SetNetnsMode(RdmaNetnsMode.Shared));
    }

    [Fact]
    public void MoveDeviceToNamespace() =>
        AssertGolden("20000000 0214 0500 00000000 00000000 | 0800 0100 01000000 | 0800 4400 07000000", RdmaNetlinkMessages.MoveToNamespace(1, 7));

    [Fact]
    public void RenameDevice() =>
        AssertGolden("24000000 0214 0500 00000000 00000000 | 0800 0100 01000000 | 0900 0200 72786539 00 000000", RdmaNetlinkMessages.Rename(1, "rxe9"));

    [Fact]
    public void AddRxeLink() =>
        AssertGolden("30000000 0314 0500 00000000 00000000 | 0900 0200 72786530 00 000000 | 0800 4100 72786500 | 0a00 3300 76657468 3000 0000", RdmaNetlinkMessages.NewLink("rxe0", "rxe", "veth0"));

    [Fact]
    public void DeleteLink() =>
        AssertGolden("18000000 0414 0500 00000000 00000000 | 0800 0100 01000000", RdmaNetlinkMessages.DeleteLink(1));
}
