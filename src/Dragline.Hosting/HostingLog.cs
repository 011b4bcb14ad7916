using Microsoft.Extensions.Logging;

namespace Dragline.Hosting;

/// <summary>The unix-socket hosting's log messages, with stable event ids (3000–3099).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "removed a stale socket at {Socket} (nothing listened on it)")]
    public static partial void RemovedStaleSocket(ILogger logger, string socket);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "created the socket directory {Directory} with mode 0700")]
    public static partial void CreatedDirectory(ILogger logger, string directory);
}
