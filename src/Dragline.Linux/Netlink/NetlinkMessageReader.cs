using System.Runtime.InteropServices;
using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>Iterates the netlink messages in one received datagram.</summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkMessageReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
    }

    public bool TryRead(out nlmsghdr header, out ReadOnlySpan<byte> payload)
    {
        if (_remaining.Length < NetlinkUapi.NLMSG_HDRLEN)
        {
            header = default;
            payload = default;
            return false;
        }

        header = MemoryMarshal.Read<nlmsghdr>(_remaining);
        if (header.nlmsg_len < NetlinkUapi.NLMSG_HDRLEN || header.nlmsg_len > _remaining.Length)
        {
            throw new InvalidDataException($"Netlink message of type {header.nlmsg_type} claims {header.nlmsg_len} bytes but {_remaining.Length} remain.");
        }

        payload = _remaining[NetlinkUapi.NLMSG_HDRLEN..(int)header.nlmsg_len];
        int advance = Math.Min(NetlinkMessageWriter.Align((int)header.nlmsg_len), _remaining.Length);
        _remaining = _remaining[advance..];
        return true;
    }
}
