using System.Runtime.InteropServices;

namespace Dragline.Linux.Interop;

internal static partial class LibC
{
    /// <summary><c>mode_t umask(mode_t mask)</c>: never fails; returns the previous mask.</summary>
    [LibraryImport("libc", EntryPoint = "umask")]
    internal static partial uint Umask(uint mask);
}
