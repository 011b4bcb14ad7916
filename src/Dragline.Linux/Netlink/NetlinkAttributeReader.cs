using System.Buffers.Binary;
using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>Iterates the attributes in a span (a message after its family header, or a nested attribute's value).</summary>
internal ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
    }

    public bool TryRead(out NetlinkAttribute attribute)
    {
        if (_remaining.Length < NetlinkUapi.NLA_HDRLEN)
        {
            attribute = default;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(_remaining);
        ushort rawType = BinaryPrimitives.ReadUInt16LittleEndian(_remaining[2..]);
        if (length < NetlinkUapi.NLA_HDRLEN || length > _remaining.Length)
        {
            throw new InvalidDataException($"Netlink attribute of type {rawType & NetlinkUapi.NLA_TYPE_MASK} claims {length} bytes but {_remaining.Length} remain.");
        }

        attribute = new NetlinkAttribute(
            (ushort)(rawType & NetlinkUapi.NLA_TYPE_MASK),
            (rawType & NetlinkUapi.NLA_F_NESTED) != 0,
            _remaining[NetlinkUapi.NLA_HDRLEN..length]);
        int advance = Math.Min(NetlinkMessageWriter.Align(length), _remaining.Length);
        _remaining = _remaining[advance..];
        return true;
    }
}
