using System.Runtime.InteropServices;

namespace Dragline.Linux.Interop;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    internal static unsafe partial nint RecvFrom(SafeHandle fd, byte* buffer, nuint length, int flags, sockaddr_nl* source, uint* sourceLength);
}
