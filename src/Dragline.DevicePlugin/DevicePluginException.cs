using Dragline.Core;

namespace Dragline.DevicePlugin;

/// <summary>
/// A device-plugin configuration, host state or kubelet exchange that cannot go on. The message names
/// the offending value and what to do; <see cref="DraglineException.Reason"/> classifies it.
/// </summary>
public class DevicePluginException : DraglineException
{
    public DevicePluginException(DraglineErrorReason reason, string message)
        : base(reason, message)
    {
    }

    public DevicePluginException(DraglineErrorReason reason, string message, Exception? innerException)
        : base(reason, message, innerException)
    {
    }
}
