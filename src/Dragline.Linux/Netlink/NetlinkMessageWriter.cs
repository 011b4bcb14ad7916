using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>
/// Writes one netlink message into a caller-provided span: the header, a fixed family header, then
/// attributes. A nested attribute is a scope (<see cref="BeginNested"/>/<see cref="EndNested"/>)
/// whose length is back-patched when it ends; <see cref="EndMessage"/> patches <c>nlmsg_len</c>.
/// The sequence number and port id are left 0: <see cref="NetlinkSocket"/> stamps them when sending.
/// </summary>
internal ref struct NetlinkMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public NetlinkMessageWriter(Span<byte> buffer, ushort type, ushort flags)
    {
        _buffer = buffer;
        var header = new nlmsghdr { nlmsg_type = type, nlmsg_flags = flags };
        WriteRaw(header);
    }

    public readonly int Length => _length;

    /// <summary>Finishes the message (patches its length) and returns a copy of its bytes.</summary>
    public byte[] EndMessage()
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)_length);
        return _buffer[.._length].ToArray();
    }

    /// <summary>Writes a fixed family header (ifinfomsg, rtmsg, ...), padded to 4 bytes.</summary>
    public void WriteHeader<T>(in T value)
        where T : unmanaged => WriteRaw(value);

    public void WriteAttribute(ushort type, scoped ReadOnlySpan<byte> value)
    {
        int total = NetlinkUapi.NLA_HDRLEN + value.Length;
        Span<byte> target = Reserve(Align(total));
        BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)total);
        BinaryPrimitives.WriteUInt16LittleEndian(target[2..], type);
        value.CopyTo(target[NetlinkUapi.NLA_HDRLEN..]);
    }

    public void WriteAttribute<T>(ushort type, in T value)
        where T : unmanaged => WriteAttribute(type, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    public void WriteU8(ushort type, byte value) => WriteAttribute(type, [value]);

    public void WriteU16(ushort type, ushort value) => WriteAttribute(type, value);

    /// <summary>A 16-bit value in network byte order (e.g. IFLA_VLAN_PROTOCOL).</summary>
    public void WriteU16BigEndian(ushort type, ushort value) => WriteAttribute(type, BinaryPrimitives.ReverseEndianness(value));

    public void WriteU32(ushort type, uint value) => WriteAttribute(type, value);

    public void WriteI32(ushort type, int value) => WriteAttribute(type, value);

    public void WriteU64(ushort type, ulong value) => WriteAttribute(type, value);

    /// <summary>A NUL-terminated UTF-8 string.</summary>
    public void WriteString(ushort type, string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        Span<byte> bytes = count < 256 ? stackalloc byte[count + 1] : new byte[count + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        bytes[count] = 0;
        WriteAttribute(type, bytes);
    }

    /// <summary>Starts a nested attribute; pass the result to <see cref="EndNested"/>.</summary>
    /// <param name="type">The attribute type.</param>
    /// <param name="nestedFlag">Sets NLA_F_NESTED, which strict kernel parsers expect on nests. VETH_INFO_PEER is not a pure nest and takes false.</param>
    public int BeginNested(ushort type, bool nestedFlag = true)
    {
        int start = _length;
        Span<byte> target = Reserve(NetlinkUapi.NLA_HDRLEN);
        BinaryPrimitives.WriteUInt16LittleEndian(target[2..], nestedFlag ? (ushort)(type | NetlinkUapi.NLA_F_NESTED) : type);
        return start;
    }

    public readonly void EndNested(int start) =>
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer[start..], checked((ushort)(_length - start)));

    internal static int Align(int length) => (length + NetlinkUapi.NLA_ALIGNTO - 1) & ~(NetlinkUapi.NLA_ALIGNTO - 1);

    private void WriteRaw<T>(in T value)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value));
        bytes.CopyTo(Reserve(Align(bytes.Length)));
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            throw new InvalidOperationException($"Netlink message does not fit its {_buffer.Length}-byte buffer; this is a bug in the message builder.");
        }

        Span<byte> target = _buffer.Slice(_length, count);
        target.Clear();
        _length += count;
        return target;
    }
}
