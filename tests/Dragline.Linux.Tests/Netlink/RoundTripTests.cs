using Dragline.Core.Hardware;
using Dragline.Core.Net;
using Dragline.Linux.Netlink;
using Dragline.Linux.Netlink.Uapi;
using static Dragline.Linux.Netlink.Uapi.RtnetlinkUapi;

namespace Dragline.Linux.Tests.Netlink;

/// <summary>parse → serialise → parse for every message we read: the model survives and the bytes are reproduced exactly.</summary>
public sealed class RoundTripTests
{
    private static ReadOnlySpan<byte> Payload(byte[] message) => message.AsSpan(NetlinkUapi.NLMSG_HDRLEN);

    public static TheoryData<string> Links() => ["veth", "macvlan", "vlan", "pf", "ib-pf"];

    private static NetworkLink SampleLink(string which) => which switch
    {
        "veth" => new NetworkLink
        {
            Index = 12, Name = "veth0", Flags = LinkFlags.Up | LinkFlags.Broadcast | LinkFlags.Multicast | LinkFlags.LowerUp, HardwareType = ARPHRD_ETHER,
            Mtu = 1500, HardwareAddress = HardwareAddress.Parse("02:11:22:33:44:55"), OperationalState = LinkOperationalState.Up,
            ParentIndex = 13, LinkNetnsId = 1, MasterIndex = 4, Kind = "veth",
        },
        "macvlan" => new NetworkLink { Index = 20, Name = "mv0", Mtu = 9000, Kind = "macvlan", MacvlanMode = MacvlanMode.Passthru, ParentIndex = 2, OperationalState = LinkOperationalState.Down },
        "vlan" => new NetworkLink { Index = 21, Name = "eth0.100", Mtu = 1500, Kind = "vlan", VlanId = 100, ParentIndex = 2 },
        "pf" => new NetworkLink
        {
            Index = 2, Name = "ens1f0", Mtu = 1500, HardwareAddress = HardwareAddress.Parse("b8:59:9f:00:00:01"), VfCount = 2,
            Vfs =
            [
                new VirtualFunctionInfo { Vf = 0, Mac = HardwareAddress.Parse("02:00:00:00:00:10"), Vlan = 100, Qos = 2, VlanProtocol = ETH_P_8021AD, SpoofCheck = false, Trust = true, LinkState = VfLinkState.Enable, MinTxRateMbps = 10, MaxTxRateMbps = 1000 },
                new VirtualFunctionInfo { Vf = 1, Mac = HardwareAddress.Parse("00:00:00:00:00:00"), SpoofCheck = true, Trust = false, LinkState = VfLinkState.Auto },
            ],
        },
        "ib-pf" => new NetworkLink
        {
            Index = 3, Name = "ibs1", Mtu = 2044, HardwareType = ARPHRD_INFINIBAND,
            HardwareAddress = HardwareAddress.Parse("00:00:10:87:fe:80:00:00:00:00:00:00:0c:42:a1:03:00:7a:9c:22"), VfCount = 1,
            Vfs = [new VirtualFunctionInfo { Vf = 0, Mac = HardwareAddress.FromBytes(new byte[20]), NodeGuid = Guid64.Parse("02:00:00:00:00:00:00:01"), PortGuid = Guid64.Parse("02:00:00:00:00:00:00:02"), LinkState = VfLinkState.Auto }],
        },
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    [Theory]
    [MemberData(nameof(Links))]
    public void LinkRoundTrips(string which)
    {
        NetworkLink link = SampleLink(which);
        byte[] bytes = RtNetlinkMessages.Link(link);
        NetworkLink parsed = RtNetlinkParsers.ParseLink(Payload(bytes));
        Assert.Equal(link.Vfs, parsed.Vfs);
        Assert.Equal(link with { Vfs = [] }, parsed with { Vfs = [] });
        Assert.Equal(Hex.Format(bytes), Hex.Format(RtNetlinkMessages.Link(parsed)));
    }

    [Fact]
    public void VfSetterMessagesParseBackToTheValueSet()
    {
        byte[] message = RtNetlinkMessages.SetVf(4, IFLA_VF_MAC, RtNetlinkMessages.VfMac(3, MacAddress.Parse("02:00:00:00:00:07").GetBytes()));
        VirtualFunctionInfo vf = Assert.Single(RtNetlinkParsers.ParseLink(Payload(message)).Vfs);
        Assert.Equal(3, vf.Vf);
        Assert.Equal(HardwareAddress.Parse("02:00:00:00:00:07"), vf.Mac);

        message = RtNetlinkMessages.SetVf(4, IFLA_VF_IB_NODE_GUID, new ifla_vf_guid { vf = 3, guid = 0x0200000000000001 });
        Assert.Equal(Guid64.Parse("02:00:00:00:00:00:00:01"), Assert.Single(RtNetlinkParsers.ParseLink(Payload(message)).Vfs).NodeGuid);
    }

    [Fact]
    public void UnreportedSpoofCheckAndTrustReadAsNull()
    {
        // rtnl_fill_vfinfo sends -1 when the driver does not report a setting.
        var writer = new NetlinkMessageWriter(new byte[256], RTM_NEWLINK, 0);
        writer.WriteHeader(new ifinfomsg { ifi_index = 2 });
        int list = writer.BeginNested(IFLA_VFINFO_LIST);
        int info = writer.BeginNested(IFLA_VF_INFO);
        writer.WriteAttribute(IFLA_VF_SPOOFCHK, new ifla_vf_spoofchk { vf = 0, setting = uint.MaxValue });
        writer.WriteAttribute(IFLA_VF_TRUST, new ifla_vf_trust { vf = 0, setting = uint.MaxValue });
        writer.EndNested(info);
        writer.EndNested(list);
        VirtualFunctionInfo vf = Assert.Single(RtNetlinkParsers.ParseLink(Payload(writer.EndMessage())).Vfs);
        Assert.Null(vf.SpoofCheck);
        Assert.Null(vf.Trust);
    }

    public static TheoryData<string> Addresses() => ["10.1.2.3/24", "fd00::1/64", "192.168.0.1/32"];

    [Theory]
    [MemberData(nameof(Addresses))]
    public void AddressRoundTrips(string cidr)
    {
        IpCidr value = IpCidr.Parse(cidr);
        var address = new InterfaceAddress
        {
            InterfaceIndex = 7, Address = value, Scope = RouteScope.Link, Flags = IFA_F_PERMANENT | IFA_F_NODAD,
            Label = value.Family == IpFamily.V4 ? "eth9" : null, Broadcast = value.Family == IpFamily.V4 ? value.Broadcast : null,
        };
        byte[] bytes = RtNetlinkMessages.Address(RTM_NEWADDR, 0, address);
        InterfaceAddress parsed = RtNetlinkParsers.ParseAddress(Payload(bytes));
        Assert.Equal(address, parsed);
        Assert.Equal(Hex.Format(bytes), Hex.Format(RtNetlinkMessages.Address(RTM_NEWADDR, 0, parsed)));
    }

    public static TheoryData<int> Routes() => [0, 1, 2];

    private static Route SampleRoute(int which) => which switch
    {
        0 => new Route { Family = IpFamily.V4, Destination = IpCidr.Parse("10.9.0.0/16"), Gateway = IpAddress.Parse("10.1.2.1"), OutputInterfaceIndex = 2, Table = 100, Priority = 50, PreferredSource = IpAddress.Parse("10.1.2.3") },
        1 => new Route { Family = IpFamily.V6, Gateway = IpAddress.Parse("fe80::1"), OutputInterfaceIndex = 3, Table = 70000, Protocol = RTPROT_STATIC },
        2 => new Route { Family = IpFamily.V4, Destination = IpCidr.Parse("10.1.2.0/24"), OutputInterfaceIndex = 2, Scope = RouteScope.Link, Protocol = RTPROT_KERNEL, Type = RouteType.Unicast, Table = RouteTables.Main },
        _ => throw new ArgumentOutOfRangeException(nameof(which)),
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public void RouteRoundTrips(int which)
    {
        Route route = SampleRoute(which);
        byte[] bytes = RtNetlinkMessages.Route(RTM_NEWROUTE, 0, route);
        Route parsed = RtNetlinkParsers.ParseRoute(Payload(bytes));
        Assert.Equal(route, parsed);
        Assert.Equal(Hex.Format(bytes), Hex.Format(RtNetlinkMessages.Route(RTM_NEWROUTE, 0, parsed)));
    }

    [Fact]
    public void RuleRoundTrips()
    {
        var rule = new RoutingRule { Family = IpFamily.V6, Priority = 1000, Table = 300, Source = IpCidr.Parse("fd00:1::/64"), Destination = IpCidr.Parse("fd00:2::/64"), IncomingInterface = "veth0", OutgoingInterface = "veth1" };
        byte[] bytes = RtNetlinkMessages.Rule(RTM_NEWRULE, 0, rule);
        RoutingRule parsed = RtNetlinkParsers.ParseRule(Payload(bytes));
        Assert.Equal(rule, parsed);
        Assert.Equal(Hex.Format(bytes), Hex.Format(RtNetlinkMessages.Rule(RTM_NEWRULE, 0, parsed)));
    }

    [Fact]
    public void NeighbourRoundTrips()
    {
        var neighbour = new Neighbour { InterfaceIndex = 5, Address = IpAddress.Parse("fd00::9"), LinkLayerAddress = HardwareAddress.Parse("02:00:00:00:00:09"), State = NeighbourState.Reachable };
        byte[] bytes = RtNetlinkMessages.Neighbour(RTM_NEWNEIGH, 0, neighbour);
        Neighbour parsed = RtNetlinkParsers.ParseNeighbour(Payload(bytes));
        Assert.Equal(neighbour, parsed);
        Assert.Equal(Hex.Format(bytes), Hex.Format(RtNetlinkMessages.Neighbour(RTM_NEWNEIGH, 0, parsed)));
    }

    [Fact]
    public void RdmaDeviceRoundTrips()
    {
        var device = new RdmaNetlinkDevice { Index = 3, Name = "mlx5_0", PortCount = 1, FirmwareVersion = "22.39.1002", NodeGuid = Guid64.Parse("0c:42:a1:03:00:7a:9c:22"), SystemImageGuid = Guid64.Parse("0c:42:a1:03:00:7a:9c:22"), NodeType = 1, Protocol = "roce" };
        byte[] bytes = RdmaNetlinkMessages.Device(device);
        RdmaNetlinkDevice parsed = RdmaNetlinkParsers.ParseDevice(Payload(bytes));
        Assert.Equal(device with { Ports = [] }, parsed with { Ports = [] });
        Assert.Equal(Hex.Format(bytes), Hex.Format(RdmaNetlinkMessages.Device(parsed)));
    }

    [Fact]
    public void RdmaPortRoundTrips()
    {
        var port = new RdmaNetlinkPort { PortIndex = 1, State = 4, PhysicalState = 5, NetdevIndex = 9, NetdevName = "veth0" };
        byte[] bytes = RdmaNetlinkMessages.Port(3, "rxe0", port);
        (uint deviceIndex, RdmaNetlinkPort parsed) = RdmaNetlinkParsers.ParsePort(Payload(bytes));
        Assert.Equal(3u, deviceIndex);
        Assert.Equal(port, parsed);
        Assert.Equal(Hex.Format(bytes), Hex.Format(RdmaNetlinkMessages.Port(deviceIndex, "rxe0", parsed)));
    }

    [Theory]
    [InlineData(RdmaNetnsMode.Exclusive, false)]
    [InlineData(RdmaNetnsMode.Shared, true)]
    public void RdmaSystemRoundTrips(RdmaNetnsMode mode, bool copyOnFork)
    {
        byte[] bytes = RdmaNetlinkMessages.System(mode, copyOnFork);
        (RdmaNetnsMode parsedMode, bool? parsedCopyOnFork) = RdmaNetlinkParsers.ParseSystem(Payload(bytes));
        Assert.Equal(mode, parsedMode);
        Assert.Equal(copyOnFork, parsedCopyOnFork);
        Assert.Equal(Hex.Format(bytes), Hex.Format(RdmaNetlinkMessages.System(parsedMode, parsedCopyOnFork ?? false)));
    }

    [Fact]
    public void RdmaDeviceReplyWithPadAttributeParses()
    {
        // The kernel aligns u64 attributes with an RDMA_NLDEV_ATTR_PAD (type 26) attribute; readers skip it.
        byte[] payload = Hex.Parse("0800 0100 01000000 | 0900 0200 72786530 00 000000 | 0400 1a00 | 0c00 0600 01000000 00000002");
        RdmaNetlinkDevice device = RdmaNetlinkParsers.ParseDevice(payload);
        Assert.Equal("rxe0", device.Name);
        Assert.Equal(Guid64.Parse("02:00:00:00:00:00:00:01"), device.NodeGuid);
    }
}
