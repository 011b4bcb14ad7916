using System.Runtime.InteropServices;

// The kernel's C names, so the header check can compare layouts field by field.
#pragma warning disable CS8981

namespace Dragline.Linux.Netlink.Uapi;

/// <summary><c>struct nlmsghdr</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct nlmsghdr
{
    public uint nlmsg_len;
    public ushort nlmsg_type;
    public ushort nlmsg_flags;
    public uint nlmsg_seq;
    public uint nlmsg_pid;
}

/// <summary><c>struct nlattr</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct nlattr
{
    public ushort nla_len;
    public ushort nla_type;
}

/// <summary><c>struct nlmsgerr</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct nlmsgerr
{
    public int error;
    public nlmsghdr msg;
}
