using System.Buffers.Binary;

namespace Dragline.Core.Hardware;

/// <summary>A 48-bit Ethernet MAC address. Text is <c>aa:bb:cc:dd:ee:ff</c> (either case) or <c>aa-bb-cc-dd-ee-ff</c>.</summary>
public readonly struct MacAddress : IEquatable<MacAddress>, IComparable<MacAddress>
{
    private const ulong Mask = 0xffff_ffff_ffffUL;

    /// <summary>Creates a MAC address from its 48-bit value (first octet in the high byte).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value has more than 48 bits.</exception>
    public MacAddress(ulong value)
    {
        if (value > Mask)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A MAC address value fits in 48 bits.");
        }

        Value = value;
    }

    /// <summary>The address as a 48-bit number, first octet in the high byte.</summary>
    public ulong Value { get; }

    /// <summary>The all-zero address <c>00:00:00:00:00:00</c>.</summary>
    public static MacAddress Zero => default;

    /// <summary>The broadcast address <c>ff:ff:ff:ff:ff:ff</c>.</summary>
    public static MacAddress Broadcast => new(Mask);

    /// <summary>True for <c>00:00:00:00:00:00</c> (the kernel's "no address assigned").</summary>
    public bool IsZero => Value == 0;

    /// <summary>True when the group bit (least significant bit of the first octet) is clear.</summary>
    public bool IsUnicast => (FirstOctet & 0x01) == 0;

    /// <summary>True when the group bit is set (broadcast included).</summary>
    public bool IsMulticast => !IsUnicast;

    /// <summary>True for <c>ff:ff:ff:ff:ff:ff</c>.</summary>
    public bool IsBroadcast => Value == Mask;

    /// <summary>True when the locally administered bit (second bit of the first octet) is set.</summary>
    public bool IsLocallyAdministered => (FirstOctet & 0x02) != 0;

    private byte FirstOctet => (byte)(Value >> 40);

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> or <c>aa-bb-cc-dd-ee-ff</c>, hex digits in either case.</summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the value.</exception>
    public static MacAddress Parse(string s)
    {
        if (!TryParse(s, out MacAddress mac))
        {
            throw new DraglineException(
                DraglineErrorReason.InvalidValue,
                $"'{s}' is not a valid MAC address: write six two-digit hex bytes separated by ':' or '-', like 02:00:5e:10:00:01.");
        }

        return mac;
    }

    /// <summary>Tries to parse a MAC address; never throws.</summary>
    public static bool TryParse(string? s, out MacAddress mac) => TryParse(s.AsSpan(), out mac);

    /// <summary>Tries to parse a MAC address; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out MacAddress mac)
    {
        mac = default;
        Span<byte> bytes = stackalloc byte[6];
        if (s.Length != 17 || HexText.TryReadSeparatedBytes(s, bytes, ":-") != 6)
        {
            return false;
        }

        mac = FromBytes(bytes);
        return true;
    }

    /// <summary>Creates a MAC address from exactly 6 bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 6 bytes long.</exception>
    public static MacAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 6)
        {
            throw new ArgumentException($"A MAC address is 6 bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new MacAddress(((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));
    }

    /// <summary>The 6 bytes in transmission order.</summary>
    public byte[] GetBytes()
    {
        byte[] bytes = new byte[6];
        _ = TryWriteBytes(bytes);
        return bytes;
    }

    /// <summary>Writes the 6 bytes; false when <paramref name="destination"/> is shorter.</summary>
    public bool TryWriteBytes(Span<byte> destination)
    {
        if (destination.Length < 6)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(Value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)Value);
        return true;
    }

    /// <summary>Lower-case colon form <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[6];
        _ = TryWriteBytes(bytes);
        return HexText.FormatColonBytes(bytes);
    }

    /// <inheritdoc/>
    public bool Equals(MacAddress other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Numeric order.</summary>
    public int CompareTo(MacAddress other) => Value.CompareTo(other.Value);

    /// <summary>Equality.</summary>
    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);

    /// <summary>Numeric order.</summary>
    public static bool operator <(MacAddress left, MacAddress right) => left.Value < right.Value;

    /// <summary>Numeric order.</summary>
    public static bool operator >(MacAddress left, MacAddress right) => left.Value > right.Value;

    /// <summary>Numeric order.</summary>
    public static bool operator <=(MacAddress left, MacAddress right) => left.Value <= right.Value;

    /// <summary>Numeric order.</summary>
    public static bool operator >=(MacAddress left, MacAddress right) => left.Value >= right.Value;
}
