namespace Dragline.Linux.Netlink;

/// <summary>
/// The kernel answered a netlink request with an error. <see cref="LinuxException.Errno"/> is the
/// kernel's errno; <see cref="ExtendedAckMessage"/> is its extended-ack text (NLMSGERR_ATTR_MSG)
/// when it sent one, e.g. "Unknown device type".
/// </summary>
public sealed class NetlinkException : LinuxException
{
    public NetlinkException(string operation, string value, int errno, string? extendedAckMessage)
        : base(operation, value, errno, extendedAckMessage)
    {
        ExtendedAckMessage = extendedAckMessage;
    }

    public string? ExtendedAckMessage { get; }
}
