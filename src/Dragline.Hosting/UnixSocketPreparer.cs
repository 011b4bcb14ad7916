using System.Globalization;
using System.Net.Sockets;
using Dragline.Core;
using Dragline.Linux.FileSystem;
using Microsoft.Extensions.Logging;

namespace Dragline.Hosting;

/// <summary>
/// Gets a socket path ready before Kestrel binds it. The directory is created 0700 when missing; an existing
/// one that others could write to (or, for root, that root does not own) is refused, because whoever can
/// write there can replace our socket with theirs. A socket file left by a server that died is removed,
/// while one that a live server still serves is refused.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class UnixSocketPreparer
{
    /// <summary>Mode of a directory the preparer creates: only the owner may enter it.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Mode of the socket file: only the owner (root) may connect.</summary>
    public const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode LooseBits = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>
    /// Prepares <paramref name="socketPath"/> for the server <paramref name="name"/> (e.g. "agent"), whose
    /// messages end with <paramref name="changeHint"/> (e.g. "choose another --socket").
    /// </summary>
    public static void Prepare(string socketPath, string name, string changeHint, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        ArgumentNullException.ThrowIfNull(logger);
        string full = Path.GetFullPath(socketPath);
        string directory = Path.GetDirectoryName(full) ?? "/";
        if (Directory.Exists(directory))
        {
            CheckDirectory(directory, name, changeHint);
        }
        else
        {
            Directory.CreateDirectory(directory, DirectoryMode);
            HostingLog.CreatedDirectory(logger, directory);
        }

        if (Directory.Exists(full))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"the {name} socket path '{full}' is a directory; give a file path such as {Path.Combine(full, name.Replace(' ', '-') + ".sock")}");
        }

        if (!File.Exists(full))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(full));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            File.Delete(full);
            HostingLog.RemovedStaleSocket(logger, full);
            return;
        }
        catch (SocketException ex)
        {
            throw new DraglineException(DraglineErrorReason.Unavailable,
                $"cannot use the {name} socket path '{full}': {ex.Message}; remove the file or {changeHint}");
        }

        throw new DraglineException(DraglineErrorReason.Conflict,
            $"another process already serves the {name} socket '{full}'; stop it first or {changeHint}");
    }

    /// <summary>Refuses a directory in which another user could replace the socket.</summary>
    public static void CheckDirectory(string directory, string name, string changeHint)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        UnixFileMode mode = File.GetUnixFileMode(directory);
        if ((mode & LooseBits) != 0)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"the {name} socket directory '{directory}' has mode {Octal(mode)}, so other users can write to it and replace the socket; "
                + $"fix it with 'chmod 0700 {directory}' (or at least remove group and other write), or {changeHint}");
        }

        if (Environment.IsPrivilegedProcess && FileOwner.UserIdOf(directory) is var owner && owner != 0)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"the {name} socket directory '{directory}' (mode {Octal(mode)}) is owned by uid {owner.ToString(CultureInfo.InvariantCulture)}, not root, so that user can replace the socket; "
                + $"fix it with 'chown root:root {directory} && chmod 0700 {directory}', or {changeHint}");
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');
}
