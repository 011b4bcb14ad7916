using System.Buffers.Binary;
using Dragline.Core.Hardware;
using Dragline.Core.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dragline.Linux.Netlink.Uapi;
using static Dragline.Linux.Netlink.Uapi.RtnetlinkUapi;

namespace Dragline.Linux.Netlink;

/// <summary>Turns rtnetlink message payloads (family header + attributes) into the public models.</summary>
internal static class RtNetlinkParsers
{
    private const uint Unreported = uint.MaxValue; // rtnl_fill_vfinfo sends -1 for settings the driver does not report.

    public static NetworkLink ParseLink(ReadOnlySpan<byte> payload)
    {
        ifinfomsg header = ReadHeader<ifinfomsg>(payload, "ifinfomsg");
        string name = string.Empty;
        int mtu = 0;
        byte[]? address = null;
        int? master = null, parent = null, netnsId = null, vfCount = null;
        string? kind = null;
        MacvlanMode? macvlanMode = null;
        ushort? vlanId = null;
        var operState = LinkOperationalState.Unknown;
        var vfs = new List<VirtualFunctionInfo>();
        var altNames = new List<string>();
        byte[]? vfList = null;

        var reader = new NetlinkAttributeReader(payload[NetlinkMessageWriter.Align(Unsafe.SizeOf<ifinfomsg>())..]);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case IFLA_IFNAME: name = attribute.GetString(); break;
                case IFLA_MTU: mtu = (int)attribute.GetU32(); break;
                case IFLA_ADDRESS: address = attribute.Value.ToArray(); break;
                case IFLA_MASTER: master = (int)attribute.GetU32(); break;
                case IFLA_LINK: parent = (int)attribute.GetU32(); break;
                case IFLA_LINK_NETNSID: netnsId = attribute.GetI32(); break;
                case IFLA_OPERSTATE: operState = (LinkOperationalState)attribute.GetU8(); break;
                case IFLA_NUM_VF: vfCount = (int)attribute.GetU32(); break;
                case IFLA_LINKINFO:
                    ParseLinkInfo(attribute.GetNested(), out kind, out macvlanMode, out vlanId);
                    break;
                case IFLA_VFINFO_LIST:
                    vfList = attribute.Value.ToArray(); // parsed last: VF MACs are as long as IFLA_ADDRESS, which may come later
                    break;
                case IFLA_PROP_LIST:
                    NetlinkAttributeReader properties = attribute.GetNested();
                    while (properties.TryRead(out NetlinkAttribute property))
                    {
                        if (property.Type == IFLA_ALT_IFNAME)
                        {
                            altNames.Add(property.GetString());
                        }
                    }

                    break;
            }
        }

        if (vfList is not null)
        {
            int macLength = address?.Length is HardwareAddress.InfiniBandLength ? HardwareAddress.InfiniBandLength : HardwareAddress.EthernetLength;
            var list = new NetlinkAttributeReader(vfList);
            while (list.TryRead(out NetlinkAttribute info))
            {
                if (info.Type == IFLA_VF_INFO)
                {
                    vfs.Add(ParseVf(info.GetNested(), macLength));
                }
            }
        }

        return new NetworkLink
        {
            Index = header.ifi_index,
            Name = name,
            Flags = (LinkFlags)header.ifi_flags,
            HardwareType = header.ifi_type,
            Mtu = mtu,
            HardwareAddress = HardwareAddressOf(address),
            MasterIndex = master,
            ParentIndex = parent,
            LinkNetnsId = netnsId,
            Kind = kind,
            OperationalState = operState,
            MacvlanMode = macvlanMode,
            VlanId = vlanId,
            VfCount = vfCount,
            Vfs = vfs,
            AltNames = altNames.Count == 0 ? Array.Empty<string>() : altNames,
        };
    }

    public static VirtualFunctionInfo ParseVf(NetlinkAttributeReader reader, int macLength)
    {
        int vf = -1;
        HardwareAddress? mac = null;
        int vlan = 0, qos = 0;
        ushort? protocol = null;
        bool? spoofCheck = null, trust = null;
        VfLinkState? linkState = null;
        uint minRate = 0, maxRate = 0;
        Guid64? nodeGuid = null, portGuid = null;
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case IFLA_VF_MAC:
                    ifla_vf_mac m = attribute.GetStruct<ifla_vf_mac>();
                    vf = (int)m.vf;
                    ReadOnlySpan<byte> macBytes = m.mac;
                    mac = HardwareAddress.FromBytes(macBytes[..macLength]);
                    break;
                case IFLA_VF_VLAN:
                    ifla_vf_vlan v = attribute.GetStruct<ifla_vf_vlan>();
                    vf = (int)v.vf;
                    vlan = (int)v.vlan;
                    qos = (int)v.qos;
                    break;
                case IFLA_VF_VLAN_LIST:
                    var list = attribute.GetNested();
                    if (list.TryRead(out NetlinkAttribute first) && first.Type == IFLA_VF_VLAN_INFO)
                    {
                        ifla_vf_vlan_info info = first.GetStruct<ifla_vf_vlan_info>();
                        protocol = BinaryPrimitives.ReverseEndianness(info.vlan_proto);
                    }

                    break;
                case IFLA_VF_RATE:
                    ifla_vf_rate r = attribute.GetStruct<ifla_vf_rate>();
                    minRate = r.min_tx_rate;
                    maxRate = r.max_tx_rate;
                    break;
                case IFLA_VF_SPOOFCHK:
                    uint spoof = attribute.GetStruct<ifla_vf_spoofchk>().setting;
                    spoofCheck = spoof == Unreported ? null : spoof != 0;
                    break;
                case IFLA_VF_TRUST:
                    uint trusted = attribute.GetStruct<ifla_vf_trust>().setting;
                    trust = trusted == Unreported ? null : trusted != 0;
                    break;
                case IFLA_VF_LINK_STATE:
                    linkState = (VfLinkState)attribute.GetStruct<ifla_vf_link_state>().link_state;
                    break;
                case IFLA_VF_IB_NODE_GUID:
                    nodeGuid = new Guid64(attribute.GetStruct<ifla_vf_guid>().guid);
                    break;
                case IFLA_VF_IB_PORT_GUID:
                    portGuid = new Guid64(attribute.GetStruct<ifla_vf_guid>().guid);
                    break;
            }
        }

        return new VirtualFunctionInfo
        {
            Vf = vf,
            Mac = mac,
            Vlan = vlan,
            Qos = qos,
            VlanProtocol = protocol,
            SpoofCheck = spoofCheck,
            Trust = trust,
            LinkState = linkState,
            MinTxRateMbps = minRate,
            MaxTxRateMbps = maxRate,
            NodeGuid = nodeGuid,
            PortGuid = portGuid,
        };
    }

    public static InterfaceAddress ParseAddress(ReadOnlySpan<byte> payload)
    {
        ifaddrmsg header = ReadHeader<ifaddrmsg>(payload, "ifaddrmsg");
        IpAddress? local = null, address = null, broadcast = null;
        string? label = null;
        uint flags = header.ifa_flags;
        var reader = new NetlinkAttributeReader(payload[NetlinkMessageWriter.Align(Unsafe.SizeOf<ifaddrmsg>())..]);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case IFA_LOCAL: local = IpAddress.FromBytes(attribute.Value); break;
                case IFA_ADDRESS: address = IpAddress.FromBytes(attribute.Value); break;
                case IFA_BROADCAST: broadcast = IpAddress.FromBytes(attribute.Value); break;
                case IFA_LABEL: label = attribute.GetString(); break;
                case IFA_FLAGS: flags = attribute.GetU32(); break;
            }
        }

        return new InterfaceAddress
        {
            InterfaceIndex = (int)header.ifa_index,
            Address = new IpCidr(local ?? address ?? throw new InvalidDataException("RTM_NEWADDR message has neither IFA_LOCAL nor IFA_ADDRESS."), header.ifa_prefixlen),
            Scope = (RouteScope)header.ifa_scope,
            Flags = flags,
            Label = label,
            Broadcast = broadcast,
        };
    }

    public static Route ParseRoute(ReadOnlySpan<byte> payload)
    {
        rtmsg header = ReadHeader<rtmsg>(payload, "rtmsg");
        uint table = header.rtm_table;
        IpAddress? destination = null, gateway = null, source = null;
        int? oif = null;
        uint? priority = null;
        var reader = new NetlinkAttributeReader(payload[NetlinkMessageWriter.Align(Unsafe.SizeOf<rtmsg>())..]);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case RTA_TABLE: table = attribute.GetU32(); break;
                case RTA_DST: destination = IpAddress.FromBytes(attribute.Value); break;
                case RTA_GATEWAY: gateway = IpAddress.FromBytes(attribute.Value); break;
                case RTA_OIF: oif = (int)attribute.GetU32(); break;
                case RTA_PRIORITY: priority = attribute.GetU32(); break;
                case RTA_PREFSRC: source = IpAddress.FromBytes(attribute.Value); break;
            }
        }

        return new Route
        {
            Family = FamilyOf(header.rtm_family),
            Destination = CidrOf(destination, header.rtm_dst_len),
            Gateway = gateway,
            OutputInterfaceIndex = oif,
            Table = table,
            Scope = (RouteScope)header.rtm_scope,
            Protocol = header.rtm_protocol,
            Type = (RouteType)header.rtm_type,
            Priority = priority,
            PreferredSource = source,
        };
    }

    public static RoutingRule ParseRule(ReadOnlySpan<byte> payload)
    {
        fib_rule_hdr header = ReadHeader<fib_rule_hdr>(payload, "fib_rule_hdr");
        uint table = header.table;
        uint? priority = null;
        IpAddress? source = null, destination = null;
        string? iif = null, oif = null;
        var reader = new NetlinkAttributeReader(payload[NetlinkMessageWriter.Align(Unsafe.SizeOf<fib_rule_hdr>())..]);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case FRA_TABLE: table = attribute.GetU32(); break;
                case FRA_PRIORITY: priority = attribute.GetU32(); break;
                case FRA_SRC: source = IpAddress.FromBytes(attribute.Value); break;
                case FRA_DST: destination = IpAddress.FromBytes(attribute.Value); break;
                case FRA_IIFNAME: iif = attribute.GetString(); break;
                case FRA_OIFNAME: oif = attribute.GetString(); break;
            }
        }

        return new RoutingRule
        {
            Family = FamilyOf(header.family),
            Priority = priority,
            Table = table,
            Source = CidrOf(source, header.src_len),
            Destination = CidrOf(destination, header.dst_len),
            IncomingInterface = iif,
            OutgoingInterface = oif,
        };
    }

    public static Neighbour ParseNeighbour(ReadOnlySpan<byte> payload)
    {
        ndmsg header = ReadHeader<ndmsg>(payload, "ndmsg");
        IpAddress? address = null;
        HardwareAddress? lladdr = null;
        var reader = new NetlinkAttributeReader(payload[NetlinkMessageWriter.Align(Unsafe.SizeOf<ndmsg>())..]);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case NDA_DST: address = IpAddress.FromBytes(attribute.Value); break;
                case NDA_LLADDR: lladdr = HardwareAddressOf(attribute.Value.ToArray()); break;
            }
        }

        return new Neighbour
        {
            InterfaceIndex = header.ndm_ifindex,
            Address = address ?? throw new InvalidDataException("RTM_NEWNEIGH message has no NDA_DST."),
            LinkLayerAddress = lladdr,
            State = (NeighbourState)header.ndm_state,
        };
    }

    internal static IpFamily FamilyOf(byte family) => family switch
    {
        AF_INET => IpFamily.V4,
        AF_INET6 => IpFamily.V6,
        _ => throw new InvalidDataException($"Address family {family} is neither AF_INET nor AF_INET6."),
    };

    /// <summary>Hardware addresses of the lengths Dragline models (6, 8, 20 bytes); tunnels' 4- or 16-byte addresses are left out.</summary>
    private static HardwareAddress? HardwareAddressOf(byte[]? bytes) =>
        bytes?.Length is HardwareAddress.EthernetLength or HardwareAddress.Eui64Length or HardwareAddress.InfiniBandLength
            ? HardwareAddress.FromBytes(bytes)
            : null;

    private static IpCidr? CidrOf(IpAddress? address, byte prefixLength) =>
        address is IpAddress value ? new IpCidr(value, prefixLength) : null;

    private static void ParseLinkInfo(NetlinkAttributeReader reader, out string? kind, out MacvlanMode? macvlanMode, out ushort? vlanId)
    {
        kind = null;
        macvlanMode = null;
        vlanId = null;
        ReadOnlySpan<byte> data = default;
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            if (attribute.Type == IFLA_INFO_KIND)
            {
                kind = attribute.GetString();
            }
            else if (attribute.Type == IFLA_INFO_DATA)
            {
                data = attribute.Value;
            }
        }

        var dataReader = new NetlinkAttributeReader(data);
        while (dataReader.TryRead(out NetlinkAttribute attribute))
        {
            if (kind is "macvlan" or "macvtap" && attribute.Type == IFLA_MACVLAN_MODE)
            {
                macvlanMode = (MacvlanMode)attribute.GetU32();
            }
            else if (kind == "vlan" && attribute.Type == IFLA_VLAN_ID)
            {
                vlanId = attribute.GetU16();
            }
        }
    }

    private static T ReadHeader<T>(ReadOnlySpan<byte> payload, string name)
        where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        return payload.Length < size
            ? throw new InvalidDataException($"Netlink message has {payload.Length} bytes, fewer than its {size}-byte {name}.")
            : MemoryMarshal.Read<T>(payload);
    }
}
