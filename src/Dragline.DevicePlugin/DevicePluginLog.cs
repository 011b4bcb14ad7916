using Microsoft.Extensions.Logging;

namespace Dragline.DevicePlugin;

/// <summary>The device plugins' log messages, with stable event ids (2000–2099).</summary>
internal static partial class DevicePluginLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "device plugin {Resource} serving {Socket} with {Healthy}/{Total} healthy device(s)")]
    public static partial void Serving(ILogger logger, string resource, string socket, int healthy, int total);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "registered {Resource} with the kubelet at {KubeletSocket}")]
    public static partial void Registered(ILogger logger, string resource, string kubeletSocket);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "cannot register {Resource} with the kubelet at {KubeletSocket} (will retry): {Reason}")]
    public static partial void RegistrationFailed(ILogger logger, string resource, string kubeletSocket, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "the kubelet restarted ({Path} {What}); re-registering {Resource}")]
    public static partial void KubeletRestarted(ILogger logger, string path, string what, string resource);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{Resource}: device {Device} is unhealthy: {Reason}")]
    public static partial void DeviceUnhealthy(ILogger logger, string resource, string device, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "{Resource}: device {Device} is healthy again")]
    public static partial void DeviceHealthy(ILogger logger, string resource, string device);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "{Resource} has no devices on this host; it is not served until some appear")]
    public static partial void EmptyPool(ILogger logger, string resource);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "{Resource} removed from the config; its socket is closed")]
    public static partial void PoolRemoved(ILogger logger, string resource);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Error, Message = "config from {Source} not applied, the previous one stays in force: {Reason}")]
    public static partial void ConfigRejected(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Warning, Message = "config from {Source}: {Warning}")]
    public static partial void ConfigWarning(ILogger logger, string source, string warning);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "{Resource}: {Reason}")]
    public static partial void HcaRejected(ILogger logger, string resource, string reason);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "{Resource}: definition changed in the config; devices re-selected")]
    public static partial void PoolRedefined(ILogger logger, string resource);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "device-plugin rescan failed")]
    public static partial void RescanFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "device plugins stopped; sockets and device-info files removed")]
    public static partial void Stopped(ILogger logger);
}
