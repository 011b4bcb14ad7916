using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Dragline.Core;
using Dragline.Linux.Interop;

namespace Dragline.Linux.Namespaces;

/// <summary>
/// An open network namespace (a file descriptor on its nsfs file). Named namespaces follow the
/// <c>ip netns</c> convention: a file under <c>/var/run/netns</c> with the namespace bind-mounted on it.
/// Work inside a namespace runs on a dedicated thread that enters, works and restores the thread's
/// original namespace — or ends the process if it cannot, so no thread is ever left in the wrong
/// namespace. Better still, open a <see cref="Netlink.NetlinkSocket"/> inside it and use that from anywhere.
/// Thread-safety: instances are immutable and may be shared; <see cref="Run"/> may be called concurrently.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    /// <summary>Where <c>ip netns</c> keeps named namespaces.</summary>
    public const string NamedDirectory = "/var/run/netns";

    // Two creators racing to make the folder a mount point would stack two bind mounts.
    private static readonly Lock DirectoryLock = new();

    private NetworkNamespace(FileDescriptorHandle handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    /// <summary>The file the namespace was opened from.</summary>
    public string Path { get; }

    /// <summary>The namespace file descriptor, for IFLA_NET_NS_FD / RDMA_NLDEV_NET_NS_FD and setns.</summary>
    public FileDescriptorHandle Handle { get; }

    /// <summary>The path of the named namespace <paramref name="name"/>.</summary>
    public static string PathOf(string name)
    {
        ValidateName(name);
        return System.IO.Path.Combine(NamedDirectory, name);
    }

    /// <summary>Creates a new named namespace (like <c>ip netns add</c>) and opens it.</summary>
    public static NetworkNamespace Create(string name)
    {
        string path = PathOf(name);
        lock (DirectoryLock)
        {
            Directory.CreateDirectory(NamedDirectory);
            MakeDirectoryShared();
        }

        int fd = LibC.Open(path, LibCConstants.O_RDONLY | LibCConstants.O_CREAT | LibCConstants.O_EXCL | LibCConstants.O_CLOEXEC, 0);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("create network namespace file", path);
        }

        _ = LibC.Close(fd);
        try
        {
            RunOnDedicatedThread(() =>
            {
                string self = CurrentThreadNamespacePath();
                using FileDescriptorHandle original = OpenFile(self, "open the current network namespace");
                if (LibC.Unshare(LibCConstants.CLONE_NEWNET) != 0)
                {
                    throw LinuxException.FromLastError("create network namespace (unshare)", name);
                }

                try
                {
                    if (LibC.Mount(self, path, "none", LibCConstants.MS_BIND, 0) != 0)
                    {
                        throw LinuxException.FromLastError("bind-mount the new network namespace onto", path);
                    }
                }
                finally
                {
                    Restore(original);
                }

                return 0;
            });
        }
        catch
        {
            _ = LibC.Unlink(path);
            throw;
        }

        return Open(path);
    }

    /// <summary>Opens the namespace bound at <paramref name="path"/> (a named namespace file or /proc/PID/ns/net).</summary>
    public static NetworkNamespace Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new NetworkNamespace(OpenFile(path, "open network namespace"), path);
    }

    /// <summary>Opens the named namespace <paramref name="name"/> under <see cref="NamedDirectory"/>.</summary>
    public static NetworkNamespace OpenByName(string name) => Open(PathOf(name));

    /// <summary>Opens the calling thread's current network namespace.</summary>
    public static NetworkNamespace OpenCurrent()
    {
        string path = CurrentThreadNamespacePath();
        return new NetworkNamespace(OpenFile(path, "open the current network namespace"), path);
    }

    /// <summary>Deletes a named namespace (detach the bind mount, remove the file). Returns false when it did not exist.</summary>
    public static bool Delete(string name)
    {
        string path = PathOf(name);
        if (!File.Exists(path))
        {
            return false;
        }

        if (LibC.Umount2(path, LibCConstants.MNT_DETACH) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errnos.EINVAL)
            {
                throw new LinuxException("unmount network namespace", path, errno);
            }
        }

        if (LibC.Unlink(path) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Errnos.ENOENT)
            {
                return false;
            }

            throw new LinuxException("remove network namespace file", path, errno);
        }

        return true;
    }

    /// <summary>Runs <paramref name="action"/> inside this namespace on a dedicated thread and waits for it.</summary>
    public void Run(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Run(() =>
        {
            action();
            return 0;
        });
    }

    /// <summary>Runs <paramref name="function"/> inside this namespace on a dedicated thread and returns its result; its exception is rethrown here.</summary>
    public T Run<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return RunOnDedicatedThread(() =>
        {
            using FileDescriptorHandle original = OpenFile(CurrentThreadNamespacePath(), "open the current network namespace");
            if (LibC.SetNs(Handle, LibCConstants.CLONE_NEWNET) != 0)
            {
                throw LinuxException.FromLastError("enter network namespace", Path);
            }

            try
            {
                return function();
            }
            finally
            {
                Restore(original);
            }
        });
    }

    public void Dispose() => Handle.Dispose();

    public override string ToString() => Path;

    internal static string CurrentThreadNamespacePath() =>
        string.Create(CultureInfo.InvariantCulture, $"/proc/self/task/{LibC.GetTid()}/ns/net");

    private static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > 255 || name == "." || name == ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"'{name}' is not a valid network namespace name: use 1-255 characters without '/' or NUL, not '.' or '..'.");
        }
    }

    private static FileDescriptorHandle OpenFile(string path, string operation)
    {
        int fd = LibC.Open(path, LibCConstants.O_RDONLY | LibCConstants.O_CLOEXEC, 0);
        return fd < 0 ? throw LinuxException.FromLastError(operation, path) : new FileDescriptorHandle(fd);
    }

    private static void Restore(FileDescriptorHandle original)
    {
        if (LibC.SetNs(original, LibCConstants.CLONE_NEWNET) != 0)
        {
            // A thread in the wrong namespace would silently misdirect every later operation on it.
            Environment.FailFast($"Cannot restore a thread's network namespace (errno {Marshal.GetLastPInvokeError()}); ending the process rather than continue in the wrong namespace.");
        }
    }

    /// <summary>Like <c>ip netns</c>: make the directory a shared mount so namespaces mounted later propagate to other mount namespaces.</summary>
    private static void MakeDirectoryShared()
    {
        if (LibC.Mount("", NamedDirectory, "none", LibCConstants.MS_SHARED | LibCConstants.MS_REC, 0) == 0)
        {
            return;
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno != Errnos.EINVAL)
        {
            throw new LinuxException("make the namespace directory a shared mount", NamedDirectory, errno);
        }

        // Not a mount point yet: bind it onto itself first.
        if (LibC.Mount(NamedDirectory, NamedDirectory, "none", LibCConstants.MS_BIND | LibCConstants.MS_REC, 0) != 0)
        {
            throw LinuxException.FromLastError("bind-mount the namespace directory onto itself", NamedDirectory);
        }

        if (LibC.Mount("", NamedDirectory, "none", LibCConstants.MS_SHARED | LibCConstants.MS_REC, 0) != 0)
        {
            throw LinuxException.FromLastError("make the namespace directory a shared mount", NamedDirectory);
        }
    }

    private static T RunOnDedicatedThread<T>(Func<T> function)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = function();
            }
#pragma warning disable CA1031 // Any exception is carried back to the calling thread and rethrown there.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        })
        {
            IsBackground = true,
            Name = "dragline-netns",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
