using System.Runtime.InteropServices;

namespace Dragline.Linux.Interop;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(SafeHandle fd, int operation);
}
