namespace Dragline.Linux.Interop;

/// <summary>
/// libc and kernel constants for the system calls in this folder. Names are the C names so that
/// the header check test (tests/Dragline.Linux.Tests/Interop/HeaderCheckTests.cs) can compare each
/// one with the value a C compiler sees.
/// </summary>
internal static class LibCConstants
{
    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int SOL_NETLINK = 270;
    public const int MSG_PEEK = 2;
    public const int MSG_TRUNC = 0x20;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_RDWR = 2;
    public const int O_APPEND = 0x400;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_CLOEXEC = 0x80000;

    public const int CLONE_NEWNET = 0x40000000;

    public const ulong MS_BIND = 4096;
    public const ulong MS_REC = 16384;
    public const ulong MS_PRIVATE = 1 << 18;
    public const ulong MS_SHARED = 1 << 20;
    public const int MNT_DETACH = 2;

    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    public const int AT_FDCWD = -100;
    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const uint STATX_MODE = 0x2;
    public const uint STATX_UID = 0x8;

    public const int LOCK_EX = 2;
}
