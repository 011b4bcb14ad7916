namespace Dragline.Linux.Netlink.Uapi;

/// <summary>
/// linux/rtnetlink.h, if_link.h, if_addr.h, fib_rules.h, neighbour.h, veth.h, if.h and if_arp.h values.
/// C names on purpose: the header check test compares each with the C compiler's value.
/// </summary>
internal static class RtnetlinkUapi
{
    public const ushort RTM_NEWLINK = 16;
    public const ushort RTM_DELLINK = 17;
    public const ushort RTM_GETLINK = 18;
    public const ushort RTM_SETLINK = 19;
    public const ushort RTM_NEWADDR = 20;
    public const ushort RTM_DELADDR = 21;
    public const ushort RTM_GETADDR = 22;
    public const ushort RTM_NEWROUTE = 24;
    public const ushort RTM_DELROUTE = 25;
    public const ushort RTM_GETROUTE = 26;
    public const ushort RTM_NEWNEIGH = 28;
    public const ushort RTM_DELNEIGH = 29;
    public const ushort RTM_GETNEIGH = 30;
    public const ushort RTM_NEWRULE = 32;
    public const ushort RTM_DELRULE = 33;
    public const ushort RTM_GETRULE = 34;
    public const ushort RTM_NEWLINKPROP = 108;
    public const ushort RTM_DELLINKPROP = 109;

    public const byte AF_UNSPEC = 0;
    public const byte AF_INET = 2;
    public const byte AF_BRIDGE = 7;
    public const byte AF_INET6 = 10;

    public const uint RTEXT_FILTER_VF = 1;

    // if_link.h: IFLA_*
    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_BROADCAST = 2;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_LINK = 5;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_TXQLEN = 13;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_NET_NS_PID = 19;
    public const ushort IFLA_NUM_VF = 21;
    public const ushort IFLA_VFINFO_LIST = 22;
    public const ushort IFLA_GROUP = 27;
    public const ushort IFLA_NET_NS_FD = 28;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_LINK_NETNSID = 37;
    public const ushort IFLA_PROP_LIST = 52;
    public const ushort IFLA_ALT_IFNAME = 53;

    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFLA_INFO_DATA = 2;
    public const ushort IFLA_INFO_SLAVE_KIND = 4;

    public const ushort IFLA_MACVLAN_MODE = 1;
    public const uint MACVLAN_MODE_PRIVATE = 1;
    public const uint MACVLAN_MODE_VEPA = 2;
    public const uint MACVLAN_MODE_BRIDGE = 4;
    public const uint MACVLAN_MODE_PASSTHRU = 8;
    public const uint MACVLAN_MODE_SOURCE = 16;

    public const ushort IFLA_VLAN_ID = 1;
    public const ushort IFLA_VLAN_PROTOCOL = 5;

    public const ushort VETH_INFO_PEER = 1;

    public const ushort IFLA_VF_INFO = 1;
    public const ushort IFLA_VF_MAC = 1;
    public const ushort IFLA_VF_VLAN = 2;
    public const ushort IFLA_VF_TX_RATE = 3;
    public const ushort IFLA_VF_SPOOFCHK = 4;
    public const ushort IFLA_VF_LINK_STATE = 5;
    public const ushort IFLA_VF_RATE = 6;
    public const ushort IFLA_VF_RSS_QUERY_EN = 7;
    public const ushort IFLA_VF_STATS = 8;
    public const ushort IFLA_VF_TRUST = 9;
    public const ushort IFLA_VF_IB_NODE_GUID = 10;
    public const ushort IFLA_VF_IB_PORT_GUID = 11;
    public const ushort IFLA_VF_VLAN_LIST = 12;
    public const ushort IFLA_VF_BROADCAST = 13;
    public const ushort IFLA_VF_VLAN_INFO = 1;

    public const uint IFLA_VF_LINK_STATE_AUTO = 0;
    public const uint IFLA_VF_LINK_STATE_ENABLE = 1;
    public const uint IFLA_VF_LINK_STATE_DISABLE = 2;

    // if_addr.h
    public const ushort IFA_ADDRESS = 1;
    public const ushort IFA_LOCAL = 2;
    public const ushort IFA_LABEL = 3;
    public const ushort IFA_BROADCAST = 4;
    public const ushort IFA_FLAGS = 8;
    public const uint IFA_F_NODAD = 0x02;
    public const uint IFA_F_PERMANENT = 0x80;

    // rtnetlink.h: routes
    public const ushort RTA_DST = 1;
    public const ushort RTA_SRC = 2;
    public const ushort RTA_IIF = 3;
    public const ushort RTA_OIF = 4;
    public const ushort RTA_GATEWAY = 5;
    public const ushort RTA_PRIORITY = 6;
    public const ushort RTA_PREFSRC = 7;
    public const ushort RTA_TABLE = 15;

    public const byte RTN_UNSPEC = 0;
    public const byte RTN_UNICAST = 1;
    public const byte RTN_LOCAL = 2;
    public const byte RTN_BROADCAST = 3;
    public const byte RTN_ANYCAST = 4;
    public const byte RTN_MULTICAST = 5;
    public const byte RTN_BLACKHOLE = 6;
    public const byte RTN_UNREACHABLE = 7;
    public const byte RTN_PROHIBIT = 8;

    public const byte RTPROT_UNSPEC = 0;
    public const byte RTPROT_KERNEL = 2;
    public const byte RTPROT_BOOT = 3;
    public const byte RTPROT_STATIC = 4;

    public const byte RT_SCOPE_UNIVERSE = 0;
    public const byte RT_SCOPE_SITE = 200;
    public const byte RT_SCOPE_LINK = 253;
    public const byte RT_SCOPE_HOST = 254;
    public const byte RT_SCOPE_NOWHERE = 255;

    public const byte RT_TABLE_UNSPEC = 0;
    public const byte RT_TABLE_DEFAULT = 253;
    public const byte RT_TABLE_MAIN = 254;
    public const byte RT_TABLE_LOCAL = 255;

    // fib_rules.h
    public const ushort FRA_DST = 1;
    public const ushort FRA_SRC = 2;
    public const ushort FRA_IIFNAME = 3;
    public const ushort FRA_PRIORITY = 6;
    public const ushort FRA_TABLE = 15;
    public const ushort FRA_OIFNAME = 17;
    public const byte FR_ACT_TO_TBL = 1;

    // neighbour.h
    public const ushort NDA_DST = 1;
    public const ushort NDA_LLADDR = 2;
    public const ushort NUD_INCOMPLETE = 0x01;
    public const ushort NUD_REACHABLE = 0x02;
    public const ushort NUD_STALE = 0x04;
    public const ushort NUD_DELAY = 0x08;
    public const ushort NUD_PROBE = 0x10;
    public const ushort NUD_FAILED = 0x20;
    public const ushort NUD_NOARP = 0x40;
    public const ushort NUD_PERMANENT = 0x80;

    // if.h
    public const uint IFF_UP = 0x1;
    public const uint IFF_BROADCAST = 0x2;
    public const uint IFF_LOOPBACK = 0x8;
    public const uint IFF_POINTOPOINT = 0x10;
    public const uint IFF_RUNNING = 0x40;
    public const uint IFF_NOARP = 0x80;
    public const uint IFF_PROMISC = 0x100;
    public const uint IFF_MULTICAST = 0x1000;
    public const uint IFF_LOWER_UP = 0x10000;

    // if_arp.h
    public const ushort ARPHRD_ETHER = 1;
    public const ushort ARPHRD_INFINIBAND = 32;
    public const ushort ARPHRD_LOOPBACK = 772;

    // if_ether.h
    public const ushort ETH_P_8021Q = 0x8100;
    public const ushort ETH_P_8021AD = 0x88A8;

    // if.h: operstate (enum if_oper_state)
    public const byte IF_OPER_UNKNOWN = 0;
    public const byte IF_OPER_NOTPRESENT = 1;
    public const byte IF_OPER_DOWN = 2;
    public const byte IF_OPER_LOWERLAYERDOWN = 3;
    public const byte IF_OPER_TESTING = 4;
    public const byte IF_OPER_DORMANT = 5;
    public const byte IF_OPER_UP = 6;
}
