using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// The kernel's C names, so the header check can compare layouts field by field.
#pragma warning disable CS8981

namespace Dragline.Linux.Netlink.Uapi;

/// <summary><c>struct ifinfomsg</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifinfomsg
{
    public byte ifi_family;
    public byte __ifi_pad;
    public ushort ifi_type;
    public int ifi_index;
    public uint ifi_flags;
    public uint ifi_change;
}

/// <summary><c>struct ifaddrmsg</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifaddrmsg
{
    public byte ifa_family;
    public byte ifa_prefixlen;
    public byte ifa_flags;
    public byte ifa_scope;
    public uint ifa_index;
}

/// <summary><c>struct rtmsg</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct rtmsg
{
    public byte rtm_family;
    public byte rtm_dst_len;
    public byte rtm_src_len;
    public byte rtm_tos;
    public byte rtm_table;
    public byte rtm_protocol;
    public byte rtm_scope;
    public byte rtm_type;
    public uint rtm_flags;
}

/// <summary><c>struct fib_rule_hdr</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct fib_rule_hdr
{
    public byte family;
    public byte dst_len;
    public byte src_len;
    public byte tos;
    public byte table;
    public byte res1;
    public byte res2;
    public byte action;
    public uint flags;
}

/// <summary><c>struct ndmsg</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ndmsg
{
    public byte ndm_family;
    public byte ndm_pad1;
    public ushort ndm_pad2;
    public int ndm_ifindex;
    public ushort ndm_state;
    public byte ndm_flags;
    public byte ndm_type;
}

/// <summary>32 bytes of MAC, as in <c>struct ifla_vf_mac</c> (InfiniBand addresses are 20).</summary>
[InlineArray(32)]
internal struct VfMacBytes
{
    private byte _element0;
}

/// <summary><c>struct ifla_vf_mac</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_mac
{
    public uint vf;
    public VfMacBytes mac;
}

/// <summary><c>struct ifla_vf_vlan</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_vlan
{
    public uint vf;
    public uint vlan;
    public uint qos;
}

/// <summary><c>struct ifla_vf_vlan_info</c>; <c>vlan_proto</c> is big-endian.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_vlan_info
{
    public uint vf;
    public uint vlan;
    public uint qos;
    public ushort vlan_proto;
}

/// <summary><c>struct ifla_vf_tx_rate</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_tx_rate
{
    public uint vf;
    public uint rate;
}

/// <summary><c>struct ifla_vf_rate</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_rate
{
    public uint vf;
    public uint min_tx_rate;
    public uint max_tx_rate;
}

/// <summary><c>struct ifla_vf_spoofchk</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_spoofchk
{
    public uint vf;
    public uint setting;
}

/// <summary><c>struct ifla_vf_link_state</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_link_state
{
    public uint vf;
    public uint link_state;
}

/// <summary><c>struct ifla_vf_trust</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_trust
{
    public uint vf;
    public uint setting;
}

/// <summary><c>struct ifla_vf_guid</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ifla_vf_guid
{
    public uint vf;
    public ulong guid;
}
