using System.Runtime.InteropServices;
using Dragline.Linux.Interop;

namespace Dragline.Linux.Files;

/// <summary>
/// Appends with <c>O_APPEND</c>: the kernel moves to the end and writes in one step, so writers in other
/// processes never overwrite each other's bytes (a seek-then-write, as FileMode.Append does, can).
/// </summary>
public static class AppendOnlyFile
{
    /// <summary>Appends <paramref name="data"/> to <paramref name="path"/> (created with mode 0644 if absent) in one write where the kernel allows.</summary>
    /// <exception cref="LinuxException">The file cannot be opened or written (errno and path in the message).</exception>
    public static unsafe void Append(string path, ReadOnlySpan<byte> data)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        int fd = LibC.Open(path, LibCConstants.O_WRONLY | LibCConstants.O_APPEND | LibCConstants.O_CREAT | LibCConstants.O_CLOEXEC, 0b110_100_100);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("open for appending", path);
        }

        using var handle = new FileDescriptorHandle(fd);
        fixed (byte* start = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint written = LibC.Write(handle, start + done, (nuint)(data.Length - done));
                if (written < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Errnos.EINTR)
                    {
                        continue;
                    }

                    throw new LinuxException("append to file", path, errno);
                }

                done += (int)written;
            }
        }
    }
}
