using System.Runtime.InteropServices;

// The kernel's C names.
#pragma warning disable CS8981 // lower-case type name
#pragma warning disable CS0649 // written by the kernel, not by us

namespace Dragline.Linux.Interop;

/// <summary>
/// <c>struct statx</c> (linux/stat.h): the same layout on every architecture, which is why it is used rather
/// than <c>struct stat</c>. Only the leading fields we read are named; the rest (timestamps, device numbers,
/// fields newer kernels add) is reserved space up to the struct's fixed 256 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 256)]
internal struct statx
{
    public uint stx_mask;
    public uint stx_blksize;
    public ulong stx_attributes;
    public uint stx_nlink;
    public uint stx_uid;
    public uint stx_gid;
    public ushort stx_mode;
}
