using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Dragline.Linux.Netlink;

/// <summary>One attribute seen by <see cref="NetlinkAttributeReader"/>: its type (flags masked off) and value.</summary>
internal readonly ref struct NetlinkAttribute
{
    public NetlinkAttribute(ushort type, bool isNested, ReadOnlySpan<byte> value)
    {
        Type = type;
        IsNested = isNested;
        Value = value;
    }

    public ushort Type { get; }

    public bool IsNested { get; }

    public ReadOnlySpan<byte> Value { get; }

    public byte GetU8() => Value.Length >= 1 ? Value[0] : throw Malformed(1);

    public ushort GetU16() => Value.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(Value) : throw Malformed(2);

    public ushort GetU16BigEndian() => Value.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(Value) : throw Malformed(2);

    public uint GetU32() => Value.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Value) : throw Malformed(4);

    public int GetI32() => Value.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(Value) : throw Malformed(4);

    public ulong GetU64() => Value.Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(Value) : throw Malformed(8);

    /// <summary>A string up to its first NUL (or the whole value when there is none).</summary>
    public string GetString()
    {
        int end = Value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Value : Value[..end]);
    }

    /// <summary>Reads a fixed struct; a shorter value (older kernel) is zero-extended.</summary>
    public T GetStruct<T>()
        where T : unmanaged
    {
        T result = default;
        Span<byte> target = MemoryMarshal.AsBytes(new Span<T>(ref result));
        Value[..Math.Min(Value.Length, target.Length)].CopyTo(target);
        return result;
    }

    public NetlinkAttributeReader GetNested() => new(Value);

    private InvalidDataException Malformed(int expected) =>
        new($"Netlink attribute {Type} has {Value.Length} bytes where {expected} were expected.");
}
