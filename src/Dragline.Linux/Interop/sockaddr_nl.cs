using System.Runtime.InteropServices;

// The kernel's C names, so the header check can compare layouts field by field.
#pragma warning disable CS8981

namespace Dragline.Linux.Interop;

/// <summary><c>struct sockaddr_nl</c> (linux/netlink.h). Field names are the C names.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct sockaddr_nl
{
    public ushort nl_family;
    public ushort nl_pad;
    public uint nl_pid;
    public uint nl_groups;
}
