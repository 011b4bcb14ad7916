using Dragline.Linux.Interop;

namespace Dragline.Linux.FileSystem;

/// <summary>Who owns a file; the BCL reads modes (<see cref="File.GetUnixFileMode(string)"/>) but not owners.</summary>
public static class FileOwner
{
    /// <summary>The owning user id of <paramref name="path"/> (the link itself, not its target, for a symbolic link).</summary>
    /// <exception cref="LinuxException">The path cannot be examined (ENOENT, EACCES, ...).</exception>
    public static unsafe uint UserIdOf(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        statx result;
        if (LibC.Statx(LibCConstants.AT_FDCWD, path, LibCConstants.AT_SYMLINK_NOFOLLOW, LibCConstants.STATX_UID, &result) != 0)
        {
            throw LinuxException.FromLastError("examine", path);
        }

        return result.stx_uid;
    }
}
