using System.Buffers.Binary;

namespace Dragline.Core.Hardware;

/// <summary>
/// A 64-bit InfiniBand GUID (node, port or VF GUID). Text is per-byte <c>00:11:22:33:44:55:66:77</c> (as
/// <c>ip link</c> and the SR-IOV operator write it) or grouped <c>0011:2233:4455:6677</c> (as sysfs <c>node_guid</c>
/// writes it), either case. Equality and order are numeric, so the two spellings of one GUID are equal.
/// </summary>
public readonly struct Guid64 : IEquatable<Guid64>, IComparable<Guid64>, IFormattable
{
    /// <summary>Creates a GUID from its numeric value (first byte in the high byte).</summary>
    public Guid64(ulong value) => Value = value;

    /// <summary>The GUID as a number, first byte in the high byte.</summary>
    public ulong Value { get; }

    /// <summary>True for the all-zero GUID (unset).</summary>
    public bool IsZero => Value == 0;

    /// <summary>True for <c>ff:ff:ff:ff:ff:ff:ff:ff</c>, which is not a usable GUID.</summary>
    public bool IsAllOnes => Value == ulong.MaxValue;

    /// <summary>Parses <c>00:11:22:33:44:55:66:77</c> or <c>0011:2233:4455:6677</c>, hex digits in either case.</summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the value.</exception>
    public static Guid64 Parse(string s)
    {
        if (!TryParse(s, out Guid64 guid))
        {
            throw new DraglineException(
                DraglineErrorReason.InvalidValue,
                $"'{s}' is not a valid 64-bit GUID: write eight two-digit hex bytes separated by ':' (00:11:22:33:44:55:66:77) or four four-digit hex groups (0011:2233:4455:6677).");
        }

        return guid;
    }

    /// <summary>Tries to parse either GUID spelling; never throws.</summary>
    public static bool TryParse(string? s, out Guid64 guid) => TryParse(s.AsSpan(), out guid);

    /// <summary>Tries to parse either GUID spelling; never throws.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out Guid64 guid)
    {
        guid = default;
        if (s.Length == 23)
        {
            Span<byte> bytes = stackalloc byte[8];
            if (HexText.TryReadSeparatedBytes(s, bytes, ":") != 8)
            {
                return false;
            }

            guid = new Guid64(BinaryPrimitives.ReadUInt64BigEndian(bytes));
            return true;
        }

        if (s.Length == 19)
        {
            ulong value = 0;
            for (int k = 0; k < 4; k++)
            {
                if (!HexText.TryReadFixed(s[(k * 5)..], 4, out ulong group) || (k < 3 && s[(k * 5) + 4] != ':'))
                {
                    return false;
                }

                value = (value << 16) | group;
            }

            guid = new Guid64(value);
            return true;
        }

        return false;
    }

    /// <summary>Creates a GUID from exactly 8 bytes, first byte most significant.</summary>
    /// <exception cref="ArgumentException">The span is not 8 bytes long.</exception>
    public static Guid64 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 8)
        {
            throw new ArgumentException($"A GUID is 8 bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new Guid64(BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>The 8 bytes, most significant first.</summary>
    public byte[] GetBytes()
    {
        byte[] bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Value);
        return bytes;
    }

    /// <summary>Per-byte lower-case form <c>00:11:22:33:44:55:66:77</c>.</summary>
    public override string ToString() => ToString(null);

    /// <summary>
    /// <c>null</c>, empty or <c>"c"</c>: per-byte <c>00:11:22:33:44:55:66:77</c>; <c>"g"</c>: grouped
    /// <c>0011:2233:4455:6677</c>; <c>"x"</c>: sixteen plain hex digits. Always lower case.
    /// </summary>
    /// <exception cref="FormatException">Any other format.</exception>
    public string ToString(string? format)
    {
        switch (format)
        {
            case null or "" or "c" or "C":
                return HexText.FormatColonBytes(GetBytes());
            case "g" or "G":
                return $"{(ushort)(Value >> 48):x4}:{(ushort)(Value >> 32):x4}:{(ushort)(Value >> 16):x4}:{(ushort)Value:x4}";
            case "x" or "X":
                return Value.ToString("x16");
            default:
                throw new FormatException($"Unknown GUID format '{format}': use \"c\" (00:11:...), \"g\" (0011:2233:...) or \"x\".");
        }
    }

    /// <summary>Same as <see cref="ToString(string?)"/>; the provider is ignored (the text is culture-invariant).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString(format);

    /// <inheritdoc/>
    public bool Equals(Guid64 other) => Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Guid64 other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Numeric order.</summary>
    public int CompareTo(Guid64 other) => Value.CompareTo(other.Value);

    /// <summary>Equality.</summary>
    public static bool operator ==(Guid64 left, Guid64 right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Guid64 left, Guid64 right) => !left.Equals(right);

    /// <summary>Numeric order.</summary>
    public static bool operator <(Guid64 left, Guid64 right) => left.Value < right.Value;

    /// <summary>Numeric order.</summary>
    public static bool operator >(Guid64 left, Guid64 right) => left.Value > right.Value;

    /// <summary>Numeric order.</summary>
    public static bool operator <=(Guid64 left, Guid64 right) => left.Value <= right.Value;

    /// <summary>Numeric order.</summary>
    public static bool operator >=(Guid64 left, Guid64 right) => left.Value >= right.Value;
}
