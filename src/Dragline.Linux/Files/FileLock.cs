using System.Runtime.InteropServices;
using Dragline.Linux.Interop;

namespace Dragline.Linux.Files;

/// <summary>
/// An exclusive <c>flock(2)</c> on a lock file, held until disposed. It serialises separate processes (and
/// separate opens within one process: the lock belongs to the open file description), and the kernel drops
/// it when the holder dies, so a killed process never leaves it held.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileDescriptorHandle _handle;

    private FileLock(FileDescriptorHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Opens (creating, mode 0644) <paramref name="path"/> and waits until this holder has the exclusive lock.</summary>
    /// <exception cref="LinuxException">The file cannot be opened or locked (errno and path in the message).</exception>
    public static FileLock Acquire(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int fd = LibC.Open(path, LibCConstants.O_RDWR | LibCConstants.O_CREAT | LibCConstants.O_CLOEXEC, 0b110_100_100);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("open lock file", path);
        }

        var handle = new FileDescriptorHandle(fd);
        while (LibC.Flock(handle, LibCConstants.LOCK_EX) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errnos.EINTR)
            {
                continue; // a signal interrupted the wait; keep waiting
            }

            handle.Dispose();
            throw new LinuxException("lock file", path, errno);
        }

        return new FileLock(handle);
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _handle.Dispose();
}
