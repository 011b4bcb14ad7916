using System.Runtime.InteropServices;

namespace Dragline.Linux.Interop;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(SafeHandle fd, byte* buffer, nuint count);
}
