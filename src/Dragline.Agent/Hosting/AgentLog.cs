using Microsoft.Extensions.Logging;

namespace Dragline.Agent.Hosting;

/// <summary>The agent's log messages, with stable event ids (1000–1099).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "dragline agent for node {Node} listening on {Socket}{Metrics}")]
    public static partial void Listening(ILogger logger, string node, string socket, string metrics);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "draining: no new connections; waiting up to {Seconds} s for {InFlight} request(s) in flight")]
    public static partial void Draining(ILogger logger, double seconds, int inFlight);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Method} {Path} refused: {Code}: {Message}")]
    public static partial void Refused(ILogger logger, string method, string path, string code, string message);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "removed a stale socket at {Socket} (nothing listened on it)")]
    public static partial void RemovedStaleSocket(ILogger logger, string socket);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Critical, Message = "test hook {Variable}=1: killing the agent after committing the allocation of {ContainerId}/{IfName}, before replying")]
    public static partial void CrashingAfterCommit(ILogger logger, string variable, string containerId, string ifName);
}
