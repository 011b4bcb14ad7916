using System.Runtime.InteropServices;

namespace Dragline.Linux.Interop;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, statx* buffer);
}
