using Dragline.Core.Hardware;
using Dragline.Core.Net;
using Dragline.Linux.Netlink.Uapi;
using static Dragline.Linux.Netlink.Uapi.NetlinkUapi;
using static Dragline.Linux.Netlink.Uapi.RtnetlinkUapi;

namespace Dragline.Linux.Netlink;

/// <summary>
/// Builds every rtnetlink request <see cref="RtNetlinkClient"/> sends, as complete messages with
/// sequence and port id 0 (the socket stamps them). Kept apart from the socket so that each message
/// has a golden-bytes test.
/// </summary>
internal static class RtNetlinkMessages
{
    public const ushort RequestAck = NLM_F_REQUEST | NLM_F_ACK;
    public const ushort CreateExclusive = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
    public const ushort DumpRequest = NLM_F_REQUEST | NLM_F_DUMP;

    private const int BufferSize = 4096;

    // Links.
    public static byte[] DumpLinks()
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_GETLINK, DumpRequest);
        writer.WriteHeader(new ifinfomsg());
        writer.WriteU32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
        return writer.EndMessage();
    }

    public static byte[] GetLink(string? name, int index)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_GETLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = index });
        if (name is not null)
        {
            writer.WriteString(IFLA_IFNAME, name);
        }

        writer.WriteU32(IFLA_EXT_MASK, RTEXT_FILTER_VF);
        return writer.EndMessage();
    }

    public static byte[] CreateVeth(string name, string peerName, int? peerNamespaceFd, int? mtu)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_NEWLINK, CreateExclusive);
        writer.WriteHeader(new ifinfomsg());
        writer.WriteString(IFLA_IFNAME, name);
        if (mtu is int value)
        {
            writer.WriteU32(IFLA_MTU, (uint)value);
        }

        int linkInfo = writer.BeginNested(IFLA_LINKINFO);
        writer.WriteString(IFLA_INFO_KIND, "veth");
        int data = writer.BeginNested(IFLA_INFO_DATA);
        int peer = writer.BeginNested(VETH_INFO_PEER, nestedFlag: false); // ifinfomsg + attributes, not a pure nest
        writer.WriteHeader(new ifinfomsg());
        writer.WriteString(IFLA_IFNAME, peerName);
        if (mtu is int peerMtu)
        {
            writer.WriteU32(IFLA_MTU, (uint)peerMtu);
        }

        if (peerNamespaceFd is int fd)
        {
            writer.WriteU32(IFLA_NET_NS_FD, (uint)fd);
        }

        writer.EndNested(peer);
        writer.EndNested(data);
        writer.EndNested(linkInfo);
        return writer.EndMessage();
    }

    public static byte[] CreateMacvlan(string name, int parentIndex, MacvlanMode mode)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_NEWLINK, CreateExclusive);
        writer.WriteHeader(new ifinfomsg());
        writer.WriteString(IFLA_IFNAME, name);
        writer.WriteU32(IFLA_LINK, (uint)parentIndex);
        int linkInfo = writer.BeginNested(IFLA_LINKINFO);
        writer.WriteString(IFLA_INFO_KIND, "macvlan");
        int data = writer.BeginNested(IFLA_INFO_DATA);
        writer.WriteU32(IFLA_MACVLAN_MODE, (uint)mode);
        writer.EndNested(data);
        writer.EndNested(linkInfo);
        return writer.EndMessage();
    }

    public static byte[] CreateBridge(string name)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_NEWLINK, CreateExclusive);
        writer.WriteHeader(new ifinfomsg());
        writer.WriteString(IFLA_IFNAME, name);
        int linkInfo = writer.BeginNested(IFLA_LINKINFO);
        writer.WriteString(IFLA_INFO_KIND, "bridge");
        writer.EndNested(linkInfo);
        return writer.EndMessage();
    }

    public static byte[] CreateVlan(string name, int parentIndex, ushort vlanId)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_NEWLINK, CreateExclusive);
        writer.WriteHeader(new ifinfomsg());
        writer.WriteString(IFLA_IFNAME, name);
        writer.WriteU32(IFLA_LINK, (uint)parentIndex);
        int linkInfo = writer.BeginNested(IFLA_LINKINFO);
        writer.WriteString(IFLA_INFO_KIND, "vlan");
        int data = writer.BeginNested(IFLA_INFO_DATA);
        writer.WriteU16(IFLA_VLAN_ID, vlanId);
        writer.EndNested(data);
        writer.EndNested(linkInfo);
        return writer.EndMessage();
    }

    /// <summary>A link of any kind by its IFLA_INFO_KIND alone (used to show the kernel's extended ack for unknown kinds).</summary>
    public static byte[] CreateLinkOfKind(string name, string kind)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_NEWLINK, CreateExclusive);
        writer.WriteHeader(new ifinfomsg());
        writer.WriteString(IFLA_IFNAME, name);
        int linkInfo = writer.BeginNested(IFLA_LINKINFO);
        writer.WriteString(IFLA_INFO_KIND, kind);
        writer.EndNested(linkInfo);
        return writer.EndMessage();
    }

    public static byte[] SetFlags(int index, LinkFlags flags, LinkFlags mask)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_SETLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = index, ifi_flags = (uint)flags, ifi_change = (uint)mask });
        return writer.EndMessage();
    }

    public static byte[] SetU32(int index, ushort attribute, uint value)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_SETLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = index });
        writer.WriteU32(attribute, value);
        return writer.EndMessage();
    }

    public static byte[] SetName(int index, string name)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_SETLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = index });
        writer.WriteString(IFLA_IFNAME, name);
        return writer.EndMessage();
    }

    /// <summary>RTM_NEWLINKPROP or RTM_DELLINKPROP with one IFLA_ALT_IFNAME inside IFLA_PROP_LIST.</summary>
    public static byte[] AltName(int index, string altName, bool add)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], add ? RTM_NEWLINKPROP : RTM_DELLINKPROP, add ? CreateExclusive : RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = index });
        int list = writer.BeginNested(IFLA_PROP_LIST);
        writer.WriteString(IFLA_ALT_IFNAME, altName);
        writer.EndNested(list);
        return writer.EndMessage();
    }

    public static byte[] SetMacAddress(int index, MacAddress mac)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_SETLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = index });
        writer.WriteAttribute(IFLA_ADDRESS, mac.GetBytes());
        return writer.EndMessage();
    }

    public static byte[] DeleteLink(int index)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_DELLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = index });
        return writer.EndMessage();
    }

    /// <summary>RTM_SETLINK on the PF carrying IFLA_VFINFO_LIST / IFLA_VF_INFO / one VF attribute.</summary>
    public static byte[] SetVf<T>(int pfIndex, ushort vfAttribute, in T value)
        where T : unmanaged
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_SETLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = pfIndex });
        int list = writer.BeginNested(IFLA_VFINFO_LIST);
        int info = writer.BeginNested(IFLA_VF_INFO);
        writer.WriteAttribute(vfAttribute, value);
        writer.EndNested(info);
        writer.EndNested(list);
        return writer.EndMessage();
    }

    /// <summary>RTM_SETLINK with IFLA_VF_VLAN_LIST (needed for 802.1ad; 802.1Q may also use IFLA_VF_VLAN).</summary>
    public static byte[] SetVfVlanList(int pfIndex, in ifla_vf_vlan_info value)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_SETLINK, RequestAck);
        writer.WriteHeader(new ifinfomsg { ifi_index = pfIndex });
        int list = writer.BeginNested(IFLA_VFINFO_LIST);
        int info = writer.BeginNested(IFLA_VF_INFO);
        int vlans = writer.BeginNested(IFLA_VF_VLAN_LIST);
        writer.WriteAttribute(IFLA_VF_VLAN_INFO, value);
        writer.EndNested(vlans);
        writer.EndNested(info);
        writer.EndNested(list);
        return writer.EndMessage();
    }

    /// <summary>A whole link as the kernel reports it (RTM_NEWLINK); used by round-trip tests.</summary>
    public static byte[] Link(NetworkLink link)
    {
        var writer = new NetlinkMessageWriter(new byte[64 * 1024], RTM_NEWLINK, 0);
        writer.WriteHeader(new ifinfomsg { ifi_index = link.Index, ifi_type = link.HardwareType, ifi_flags = (uint)link.Flags });
        writer.WriteString(IFLA_IFNAME, link.Name);
        writer.WriteU32(IFLA_MTU, (uint)link.Mtu);
        if (link.HardwareAddress is HardwareAddress address)
        {
            writer.WriteAttribute(IFLA_ADDRESS, address.AsSpan());
        }

        writer.WriteU8(IFLA_OPERSTATE, (byte)link.OperationalState);
        if (link.MasterIndex is int master)
        {
            writer.WriteU32(IFLA_MASTER, (uint)master);
        }

        if (link.ParentIndex is int parent)
        {
            writer.WriteU32(IFLA_LINK, (uint)parent);
        }

        if (link.LinkNetnsId is int netnsId)
        {
            writer.WriteI32(IFLA_LINK_NETNSID, netnsId);
        }

        if (link.Kind is not null)
        {
            int linkInfo = writer.BeginNested(IFLA_LINKINFO);
            writer.WriteString(IFLA_INFO_KIND, link.Kind);
            if (link.MacvlanMode is MacvlanMode mode)
            {
                int data = writer.BeginNested(IFLA_INFO_DATA);
                writer.WriteU32(IFLA_MACVLAN_MODE, (uint)mode);
                writer.EndNested(data);
            }
            else if (link.VlanId is ushort vlan)
            {
                int data = writer.BeginNested(IFLA_INFO_DATA);
                writer.WriteU16(IFLA_VLAN_ID, vlan);
                writer.EndNested(data);
            }

            writer.EndNested(linkInfo);
        }

        if (link.VfCount is int count)
        {
            writer.WriteU32(IFLA_NUM_VF, (uint)count);
        }

        if (link.Vfs.Count > 0)
        {
            int list = writer.BeginNested(IFLA_VFINFO_LIST);
            foreach (VirtualFunctionInfo vf in link.Vfs)
            {
                WriteVf(ref writer, vf);
            }

            writer.EndNested(list);
        }

        return writer.EndMessage();
    }

    // Addresses.
    public static byte[] DumpAddresses(IpFamily? family)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_GETADDR, DumpRequest);
        writer.WriteHeader(new ifaddrmsg { ifa_family = family is IpFamily f ? FamilyOf(f) : AF_UNSPEC });
        return writer.EndMessage();
    }

    public static byte[] Address(ushort type, ushort flags, InterfaceAddress address)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], type, flags);
        writer.WriteHeader(new ifaddrmsg
        {
            ifa_family = FamilyOf(address.Address.Family),
            ifa_prefixlen = (byte)address.Address.PrefixLength,
            ifa_flags = (byte)address.Flags,
            ifa_scope = (byte)address.Scope,
            ifa_index = (uint)address.InterfaceIndex,
        });
        WriteIp(ref writer, IFA_LOCAL, address.Address.Address);
        WriteIp(ref writer, IFA_ADDRESS, address.Address.Address);
        if (address.Broadcast is IpAddress broadcast)
        {
            WriteIp(ref writer, IFA_BROADCAST, broadcast);
        }

        if (address.Label is not null)
        {
            writer.WriteString(IFA_LABEL, address.Label);
        }

        writer.WriteU32(IFA_FLAGS, address.Flags);
        return writer.EndMessage();
    }

    // Routes.
    public static byte[] DumpRoutes(IpFamily family)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_GETROUTE, DumpRequest);
        writer.WriteHeader(new rtmsg { rtm_family = FamilyOf(family) });
        return writer.EndMessage();
    }

    /// <summary>A route message; for deletes the kernel matches only what is given, so scope is "nowhere" and protocol/type 0 (as iproute2 does).</summary>
    public static byte[] Route(ushort type, ushort flags, Route route)
    {
        bool delete = type == RTM_DELROUTE;
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], type, flags);
        writer.WriteHeader(new rtmsg
        {
            rtm_family = FamilyOf(route.Family),
            rtm_dst_len = (byte)(route.Destination?.PrefixLength ?? 0),
            rtm_table = route.Table < 256 ? (byte)route.Table : RT_TABLE_UNSPEC,
            rtm_protocol = delete ? RTPROT_UNSPEC : route.Protocol,
            rtm_scope = delete ? RT_SCOPE_NOWHERE : (byte)route.Scope,
            rtm_type = delete ? RTN_UNSPEC : (byte)route.Type,
        });
        writer.WriteU32(RTA_TABLE, route.Table);
        if (route.Destination is IpCidr destination)
        {
            WriteIp(ref writer, RTA_DST, destination.Address);
        }

        if (route.Gateway is IpAddress gateway)
        {
            WriteIp(ref writer, RTA_GATEWAY, gateway);
        }

        if (route.OutputInterfaceIndex is int oif)
        {
            writer.WriteU32(RTA_OIF, (uint)oif);
        }

        if (route.Priority is uint priority)
        {
            writer.WriteU32(RTA_PRIORITY, priority);
        }

        if (route.PreferredSource is IpAddress source)
        {
            WriteIp(ref writer, RTA_PREFSRC, source);
        }

        return writer.EndMessage();
    }

    // Rules.
    public static byte[] DumpRules(IpFamily family)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_GETRULE, DumpRequest);
        writer.WriteHeader(new fib_rule_hdr { family = FamilyOf(family) });
        return writer.EndMessage();
    }

    public static byte[] Rule(ushort type, ushort flags, RoutingRule rule)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], type, flags);
        writer.WriteHeader(new fib_rule_hdr
        {
            family = FamilyOf(rule.Family),
            dst_len = (byte)(rule.Destination?.PrefixLength ?? 0),
            src_len = (byte)(rule.Source?.PrefixLength ?? 0),
            table = rule.Table < 256 ? (byte)rule.Table : RT_TABLE_UNSPEC,
            action = FR_ACT_TO_TBL,
        });
        if (rule.Priority is uint priority)
        {
            writer.WriteU32(FRA_PRIORITY, priority);
        }

        writer.WriteU32(FRA_TABLE, rule.Table);
        if (rule.Source is IpCidr source)
        {
            WriteIp(ref writer, FRA_SRC, source.Address);
        }

        if (rule.Destination is IpCidr destination)
        {
            WriteIp(ref writer, FRA_DST, destination.Address);
        }

        if (rule.IncomingInterface is not null)
        {
            writer.WriteString(FRA_IIFNAME, rule.IncomingInterface);
        }

        if (rule.OutgoingInterface is not null)
        {
            writer.WriteString(FRA_OIFNAME, rule.OutgoingInterface);
        }

        return writer.EndMessage();
    }

    // Neighbours.
    public static byte[] DumpNeighbours(IpFamily? family)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], RTM_GETNEIGH, DumpRequest);
        writer.WriteHeader(new ndmsg { ndm_family = family is IpFamily f ? FamilyOf(f) : AF_UNSPEC });
        return writer.EndMessage();
    }

    public static byte[] Neighbour(ushort type, ushort flags, Neighbour neighbour)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], type, flags);
        writer.WriteHeader(new ndmsg
        {
            ndm_family = FamilyOf(neighbour.Address.Family),
            ndm_ifindex = neighbour.InterfaceIndex,
            ndm_state = (ushort)neighbour.State,
        });
        WriteIp(ref writer, NDA_DST, neighbour.Address);
        if (neighbour.LinkLayerAddress is HardwareAddress lladdr)
        {
            writer.WriteAttribute(NDA_LLADDR, lladdr.AsSpan());
        }

        return writer.EndMessage();
    }

    internal static byte FamilyOf(IpFamily family) => family switch
    {
        IpFamily.V4 => AF_INET,
        IpFamily.V6 => AF_INET6,
        _ => throw new ArgumentException($"Address family {family} is not IPv4 or IPv6.", nameof(family)),
    };

    /// <summary>An ifla_vf_mac; <paramref name="mac"/> is 6 (Ethernet) or 20 (InfiniBand) bytes of the 32 the struct holds.</summary>
    internal static ifla_vf_mac VfMac(int vf, ReadOnlySpan<byte> mac)
    {
        var value = new ifla_vf_mac { vf = (uint)vf };
        mac.CopyTo(value.mac);
        return value;
    }

    private static void WriteVf(ref NetlinkMessageWriter writer, VirtualFunctionInfo vf)
    {
        uint number = (uint)vf.Vf;
        int info = writer.BeginNested(IFLA_VF_INFO);
        writer.WriteAttribute(IFLA_VF_MAC, VfMac(vf.Vf, vf.Mac is HardwareAddress mac ? mac.AsSpan() : []));
        writer.WriteAttribute(IFLA_VF_VLAN, new ifla_vf_vlan { vf = number, vlan = (uint)vf.Vlan, qos = (uint)vf.Qos });
        if (vf.VlanProtocol is ushort protocol)
        {
            int vlans = writer.BeginNested(IFLA_VF_VLAN_LIST);
            writer.WriteAttribute(IFLA_VF_VLAN_INFO, new ifla_vf_vlan_info { vf = number, vlan = (uint)vf.Vlan, qos = (uint)vf.Qos, vlan_proto = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(protocol) });
            writer.EndNested(vlans);
        }

        writer.WriteAttribute(IFLA_VF_RATE, new ifla_vf_rate { vf = number, min_tx_rate = vf.MinTxRateMbps, max_tx_rate = vf.MaxTxRateMbps });
        if (vf.SpoofCheck is bool spoof)
        {
            writer.WriteAttribute(IFLA_VF_SPOOFCHK, new ifla_vf_spoofchk { vf = number, setting = spoof ? 1u : 0u });
        }

        if (vf.LinkState is VfLinkState state)
        {
            writer.WriteAttribute(IFLA_VF_LINK_STATE, new ifla_vf_link_state { vf = number, link_state = (uint)state });
        }

        if (vf.Trust is bool trust)
        {
            writer.WriteAttribute(IFLA_VF_TRUST, new ifla_vf_trust { vf = number, setting = trust ? 1u : 0u });
        }

        if (vf.NodeGuid is Guid64 node)
        {
            writer.WriteAttribute(IFLA_VF_IB_NODE_GUID, new ifla_vf_guid { vf = number, guid = node.Value });
        }

        if (vf.PortGuid is Guid64 port)
        {
            writer.WriteAttribute(IFLA_VF_IB_PORT_GUID, new ifla_vf_guid { vf = number, guid = port.Value });
        }

        writer.EndNested(info);
    }

    private static void WriteIp(ref NetlinkMessageWriter writer, ushort type, IpAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        _ = address.TryWriteBytes(bytes);
        writer.WriteAttribute(type, bytes[..address.ByteLength]);
    }
}
