using System.Runtime.InteropServices;

namespace Dragline.Linux.Interop;

internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
