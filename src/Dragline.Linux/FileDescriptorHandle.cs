using System.Runtime.InteropServices;
using Dragline.Linux.Interop;

namespace Dragline.Linux;

/// <summary>A Linux file descriptor (a socket or a namespace file) that is closed when released.</summary>
public sealed class FileDescriptorHandle : SafeHandle
{
    public FileDescriptorHandle()
        : base(new IntPtr(-1), ownsHandle: true)
    {
    }

    internal FileDescriptorHandle(int fd)
        : base(new IntPtr(-1), ownsHandle: true)
    {
        SetHandle(new IntPtr(fd));
    }

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The descriptor number, for attributes that carry an fd (IFLA_NET_NS_FD, RDMA_NLDEV_NET_NS_FD).</summary>
    public int Number => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => LibC.Close((int)handle.ToInt64()) == 0;
}
