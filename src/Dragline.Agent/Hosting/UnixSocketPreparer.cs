using System.Net.Sockets;
using Dragline.Core;
using Microsoft.Extensions.Logging;

namespace Dragline.Agent.Hosting;

/// <summary>
/// Gets the socket path ready before Kestrel binds it: the directory exists (created 0700), and a socket
/// file left by an agent that died is removed, while one that a live agent still serves is refused.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class UnixSocketPreparer
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Mode of the socket file: only the owner (root) may connect.</summary>
    public const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Prepare(string socketPath, ILogger logger)
    {
        string full = Path.GetFullPath(socketPath);
        string directory = Path.GetDirectoryName(full) ?? "/";
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, DirectoryMode);
        }

        if (Directory.Exists(full))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"the agent socket path '{full}' is a directory; give a file path such as /run/dragline/agent.sock");
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
            AgentLog.RemovedStaleSocket(logger, full);
            return;
        }
        catch (SocketException ex)
        {
            throw new DraglineException(DraglineErrorReason.Unavailable,
                $"cannot use the agent socket path '{full}': {ex.Message}; remove the file or choose another --socket");
        }

        throw new DraglineException(DraglineErrorReason.Conflict,
            $"another process already serves the agent socket '{full}'; stop that agent first or choose another --socket");
    }
}
