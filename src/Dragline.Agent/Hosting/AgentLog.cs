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

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "--sriov-policies {File}: {Problem}")]
    public static partial void SriovPolicyProblem(ILogger logger, string file, string problem);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "SR-IOV apply failed: {Failure}")]
    public static partial void SriovApplyFailed(ILogger logger, string failure);
}
