using Dragline.Core.Hardware;
using Dragline.Core.Net;
using Dragline.Linux.Netlink;
using Dragline.Linux.Netlink.Uapi;
using static Dragline.Linux.Netlink.Uapi.RtnetlinkUapi;

namespace Dragline.Linux.Tests.Netlink;

/// <summary>
/// Every rtnetlink request byte for byte. Expected bytes were written by hand from the uapi structs
/// (little-endian; nlmsghdr = len|type|flags|seq|pid, nlattr = len|type|value padded to 4).
/// </summary>
public sealed class RtNetlinkGoldenTests
{
    private static void AssertGolden(string expected, byte[] actual) => Assert.Equal(Hex.Format(Hex.Parse(expected)), Hex.Format(actual));

    [Fact]
    public void DumpLinksAsksForVfInfo() => AssertGolden(
        "28000000 1200 0103 00000000 00000000 | 00 00 0000 00000000 00000000 00000000 | 0800 1d00 01000000",
        RtNetlinkMessages.DumpLinks());

    [Fact]
    public void GetLinkByName() => AssertGolden(
        "34000000 1200 0500 00000000 00000000 | 00 00 0000 00000000 00000000 00000000 | 0900 0300 65746831 00000000 | 0800 1d00 01000000",
        RtNetlinkMessages.GetLink("eth1", 0));

    [Fact]
    public void GetLinkByIndex() => AssertGolden(
        "28000000 1200 0500 00000000 00000000 | 00 00 0000 07000000 00000000 00000000 | 0800 1d00 01000000",
        RtNetlinkMessages.GetLink(null, 7));

    [Fact]
    public void CreateVethWithPeerInAnotherNamespace() => AssertGolden(
        "60000000 1000 0506 00000000 00000000 | 00000000 00000000 00000000 00000000 | 0700 0300 763000 00 |"
        + " 3800 1280 | 0900 0100 76657468 00 000000 | 2800 0280 | 2400 0100 | 00000000 00000000 00000000 00000000 | 0700 0300 763100 00 | 0800 1c00 07000000",
        RtNetlinkMessages.CreateVeth("v0", "v1", 7, null));

    [Fact]
    public void CreateVethWithMtu() => AssertGolden(
        "68000000 1000 0506 00000000 00000000 | 00000000 00000000 00000000 00000000 | 0700 0300 763000 00 | 0800 0400 dc050000 |"
        + " 3800 1280 | 0900 0100 76657468 00 000000 | 2800 0280 | 2400 0100 | 00000000 00000000 00000000 00000000 | 0700 0300 763100 00 | 0800 0400 dc050000",
        RtNetlinkMessages.CreateVeth("v0", "v1", null, 1500));

    [Fact]
    public void CreateMacvlanInBridgeMode() => AssertGolden(
        "4c000000 1000 0506 00000000 00000000 | 00000000 00000000 00000000 00000000 | 0800 0300 6d763000 | 0800 0500 03000000 |"
        + " 1c00 1280 | 0c00 0100 6d616376 6c616e00 | 0c00 0280 | 0800 0100 04000000",
        RtNetlinkMessages.CreateMacvlan("mv0", 3, MacvlanMode.Bridge));

    [Fact]
    public void CreateBridge() => AssertGolden(
        "38000000 1000 0506 00000000 00000000 | 00000000 00000000 00000000 00000000 | 0800 0300 62723000 | 1000 1280 | 0b00 0100 62726964 676500 00",
        RtNetlinkMessages.CreateBridge("br0"));

    [Fact]
    public void CreateVlan() => AssertGolden(
        "50000000 1000 0506 00000000 00000000 | 00000000 00000000 00000000 00000000 | 0900 0300 762e3130 00 000000 | 0800 0500 03000000 |"
        + " 1c00 1280 | 0900 0100 766c616e 00 000000 | 0c00 0280 | 0600 0100 0a00 0000",
        RtNetlinkMessages.CreateVlan("v.10", 3, 10));

    [Fact]
    public void SetLinkUpAndDown()
    {
        AssertGolden("20000000 1300 0500 00000000 00000000 | 00 00 0000 05000000 01000000 01000000", RtNetlinkMessages.SetFlags(5, LinkFlags.Up, LinkFlags.Up));
        AssertGolden("20000000 1300 0500 00000000 00000000 | 00 00 0000 05000000 00000000 01000000", RtNetlinkMessages.SetFlags(5, LinkFlags.None, LinkFlags.Up));
    }

    [Fact]
    public void SetMtuMasterNoMasterAndNamespace()
    {
        const string Header = "28000000 1300 0500 00000000 00000000 | 00 00 0000 05000000 00000000 00000000 | ";
        AssertGolden(Header + "0800 0400 28230000", RtNetlinkMessages.SetU32(5, IFLA_MTU, 9000));
        AssertGolden(Header + "0800 0a00 09000000", RtNetlinkMessages.SetU32(5, IFLA_MASTER, 9));
        AssertGolden(Header + "0800 0a00 00000000", RtNetlinkMessages.SetU32(5, IFLA_MASTER, 0));
        AssertGolden(Header + "0800 1c00 07000000", RtNetlinkMessages.SetU32(5, IFLA_NET_NS_FD, 7));
    }

    [Fact]
    public void SetName() => AssertGolden(
        "2c000000 1300 0500 00000000 00000000 | 00 00 0000 05000000 00000000 00000000 | 0900 0300 6e657730 00 000000",
        RtNetlinkMessages.SetName(5, "new0"));

    [Fact]
    public void AddAndDeleteAltName()
    {
        const string Rest = "00000000 00000000 | 00 00 0000 05000000 00000000 00000000 | 1000 3480 | 0900 3500 616c7430 00 000000";
        AssertGolden("30000000 6c00 0506 " + Rest, RtNetlinkMessages.AltName(5, "alt0", add: true));
        AssertGolden("30000000 6d00 0500 " + Rest, RtNetlinkMessages.AltName(5, "alt0", add: false));
    }

    [Fact]
    public void SetMacAddress() => AssertGolden(
        "2c000000 1300 0500 00000000 00000000 | 00 00 0000 05000000 00000000 00000000 | 0a00 0100 02000000 0001 0000",
        RtNetlinkMessages.SetMacAddress(5, MacAddress.Parse("02:00:00:00:00:01")));

    [Fact]
    public void DeleteLink() => AssertGolden(
        "20000000 1100 0500 00000000 00000000 | 00 00 0000 05000000 00000000 00000000",
        RtNetlinkMessages.DeleteLink(5));

    [Fact]
    public void SetVfMac() => AssertGolden(
        "50000000 1300 0500 00000000 00000000 | 00 00 0000 04000000 00000000 00000000 | 3000 1680 | 2c00 0180 |"
        + " 2800 0100 01000000 020000000001 0000 00000000 00000000 00000000 00000000 00000000 00000000",
        RtNetlinkMessages.SetVf(4, IFLA_VF_MAC, RtNetlinkMessages.VfMac(1, MacAddress.Parse("02:00:00:00:00:01").GetBytes())));

    [Fact]
    public void SetVfVlan() => AssertGolden(
        "38000000 1300 0500 00000000 00000000 | 00 00 0000 04000000 00000000 00000000 | 1800 1680 | 1400 0180 | 1000 0200 01000000 64000000 03000000",
        RtNetlinkMessages.SetVf(4, IFLA_VF_VLAN, new ifla_vf_vlan { vf = 1, vlan = 100, qos = 3 }));

    [Fact]
    public void SetVfVlanWith8021adUsesTheVlanList() => AssertGolden(
        "40000000 1300 0500 00000000 00000000 | 00 00 0000 04000000 00000000 00000000 | 2000 1680 | 1c00 0180 | 1800 0c80 | 1400 0100 01000000 64000000 00000000 88a8 0000",
        RtNetlinkMessages.SetVfVlanList(4, new ifla_vf_vlan_info { vf = 1, vlan = 100, qos = 0, vlan_proto = 0xa888 }));

    [Fact]
    public void SetVfSpoofCheckTrustAndLinkState()
    {
        const string Header = "34000000 1300 0500 00000000 00000000 | 00 00 0000 04000000 00000000 00000000 | 1400 1680 | 1000 0180 | ";
        AssertGolden(Header + "0c00 0400 01000000 00000000", RtNetlinkMessages.SetVf(4, IFLA_VF_SPOOFCHK, new ifla_vf_spoofchk { vf = 1, setting = 0 }));
        AssertGolden(Header + "0c00 0900 01000000 01000000", RtNetlinkMessages.SetVf(4, IFLA_VF_TRUST, new ifla_vf_trust { vf = 1, setting = 1 }));
        AssertGolden(Header + "0c00 0500 01000000 02000000", RtNetlinkMessages.SetVf(4, IFLA_VF_LINK_STATE, new ifla_vf_link_state { vf = 1, link_state = (uint)VfLinkState.Disable }));
    }

    [Fact]
    public void SetVfRate() => AssertGolden(
        "38000000 1300 0500 00000000 00000000 | 00 00 0000 04000000 00000000 00000000 | 1800 1680 | 1400 0180 | 1000 0600 01000000 0a000000 64000000",
        RtNetlinkMessages.SetVf(4, IFLA_VF_RATE, new ifla_vf_rate { vf = 1, min_tx_rate = 10, max_tx_rate = 100 }));

    [Fact]
    public void SetVfGuidsCarryTheGuidAsAHostOrderNumber()
    {
        // "02:00:00:00:00:00:00:01" is the number 0x0200000000000001 (sriov-rdma.md 5.5), stored little-endian.
        ulong guid = Guid64.Parse("02:00:00:00:00:00:00:01").Value;
        const string Header = "3c000000 1300 0500 00000000 00000000 | 00 00 0000 04000000 00000000 00000000 | 1c00 1680 | 1800 0180 | ";
        AssertGolden(Header + "1400 0a00 01000000 00000000 01000000 00000002", RtNetlinkMessages.SetVf(4, IFLA_VF_IB_NODE_GUID, new ifla_vf_guid { vf = 1, guid = guid }));
        AssertGolden(Header + "1400 0b00 01000000 00000000 01000000 00000002", RtNetlinkMessages.SetVf(4, IFLA_VF_IB_PORT_GUID, new ifla_vf_guid { vf = 1, guid = guid }));
    }

    [Fact]
    public void AddIpv4Address() => AssertGolden(
        "30000000 1400 0506 00000000 00000000 | 02 18 00 00 02000000 | 0800 0200 0a010203 | 0800 0100 0a010203 | 0800 0800 00000000",
        RtNetlinkMessages.Address(RTM_NEWADDR, RtNetlinkMessages.CreateExclusive, new InterfaceAddress { InterfaceIndex = 2, Address = IpCidr.Parse("10.1.2.3/24") }));

    [Fact]
    public void DeleteIpv6Address() => AssertGolden(
        "48000000 1500 0500 00000000 00000000 | 0a 40 00 00 02000000 | 1400 0200 fd000000 00000000 00000000 00000001 | 1400 0100 fd000000 00000000 00000000 00000001 | 0800 0800 00000000",
        RtNetlinkMessages.Address(RTM_DELADDR, RtNetlinkMessages.RequestAck, new InterfaceAddress { InterfaceIndex = 2, Address = IpCidr.Parse("fd00::1/64") }));

    [Fact]
    public void DumpAddressesNeighboursRoutesAndRules()
    {
        AssertGolden("18000000 1600 0103 00000000 00000000 | 00 00 00 00 00000000", RtNetlinkMessages.DumpAddresses(null));
        AssertGolden("18000000 1600 0103 00000000 00000000 | 0a 00 00 00 00000000", RtNetlinkMessages.DumpAddresses(IpFamily.V6));
        AssertGolden("1c000000 1e00 0103 00000000 00000000 | 02 00 0000 00000000 0000 00 00", RtNetlinkMessages.DumpNeighbours(IpFamily.V4));
        AssertGolden("1c000000 1a00 0103 00000000 00000000 | 0a 00 00 00 00 00 00 00 00000000", RtNetlinkMessages.DumpRoutes(IpFamily.V6));
        AssertGolden("1c000000 2200 0103 00000000 00000000 | 02 00 00 00 00 00 00 00 00000000", RtNetlinkMessages.DumpRules(IpFamily.V4));
    }

    private static readonly Route SampleRoute = new()
    {
        Family = IpFamily.V4,
        Destination = IpCidr.Parse("10.9.0.0/16"),
        Gateway = IpAddress.Parse("10.1.2.1"),
        OutputInterfaceIndex = 2,
        Table = 100,
        Priority = 50,
    };

    [Fact]
    public void AddRoute() => AssertGolden(
        "44000000 1800 0506 00000000 00000000 | 02 10 00 00 64 03 00 01 00000000 | 0800 0f00 64000000 | 0800 0100 0a090000 | 0800 0500 0a010201 | 0800 0400 02000000 | 0800 0600 32000000",
        RtNetlinkMessages.Route(RTM_NEWROUTE, RtNetlinkMessages.CreateExclusive, SampleRoute));

    [Fact]
    public void DeleteRouteMatchesAnyScopeProtocolAndType() => AssertGolden(
        "44000000 1900 0500 00000000 00000000 | 02 10 00 00 64 00 ff 00 00000000 | 0800 0f00 64000000 | 0800 0100 0a090000 | 0800 0500 0a010201 | 0800 0400 02000000 | 0800 0600 32000000",
        RtNetlinkMessages.Route(RTM_DELROUTE, RtNetlinkMessages.RequestAck, SampleRoute));

    [Fact]
    public void RouteInATableAbove255UsesOnlyRtaTable() => AssertGolden(
        "2c000000 1800 0506 00000000 00000000 | 0a 00 00 00 00 03 fd 01 00000000 | 0800 0f00 e8030000 | 0800 0400 03000000",
        RtNetlinkMessages.Route(RTM_NEWROUTE, RtNetlinkMessages.CreateExclusive, new Route { Family = IpFamily.V6, OutputInterfaceIndex = 3, Table = 1000, Scope = RouteScope.Link }));

    [Fact]
    public void AddRule() => AssertGolden(
        "34000000 2000 0506 00000000 00000000 | 02 00 10 00 64 00 00 01 00000000 | 0800 0600 64000000 | 0800 0f00 64000000 | 0800 0200 0a010000",
        RtNetlinkMessages.Rule(RTM_NEWRULE, RtNetlinkMessages.CreateExclusive, new RoutingRule { Family = IpFamily.V4, Priority = 100, Table = 100, Source = IpCidr.Parse("10.1.0.0/16") }));

    [Fact]
    public void DeleteRuleWithDestinationAndInterfaces() => AssertGolden(
        "48000000 2100 0500 00000000 00000000 | 0a 30 00 00 fe 00 00 01 00000000 | 0800 0f00 fe000000 | 1400 0100 fd000001 00000000 00000000 00000000 | 0700 0300 76300000 | 0700 1100 76310000",
        RtNetlinkMessages.Rule(RTM_DELRULE, RtNetlinkMessages.RequestAck, new RoutingRule { Family = IpFamily.V6, Destination = IpCidr.Parse("fd00:1::/48"), IncomingInterface = "v0", OutgoingInterface = "v1" }));

    [Fact]
    public void AddNeighbour() => AssertGolden(
        "30000000 1c00 0506 00000000 00000000 | 02 00 0000 02000000 8000 00 00 | 0800 0100 0a010209 | 0a00 0200 02000000 0009 0000",
        RtNetlinkMessages.Neighbour(RTM_NEWNEIGH, RtNetlinkMessages.CreateExclusive, new Neighbour { InterfaceIndex = 2, Address = IpAddress.Parse("10.1.2.9"), LinkLayerAddress = HardwareAddress.Parse("02:00:00:00:00:09") }));

    [Fact]
    public void DeleteNeighbour() => AssertGolden(
        "24000000 1d00 0500 00000000 00000000 | 02 00 0000 02000000 8000 00 00 | 0800 0100 0a010209",
        RtNetlinkMessages.Neighbour(RTM_DELNEIGH, RtNetlinkMessages.RequestAck, new Neighbour { InterfaceIndex = 2, Address = IpAddress.Parse("10.1.2.9") }));
}
