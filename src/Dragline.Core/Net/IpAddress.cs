using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Dragline.Core.Net;

/// <summary>
/// An IPv4 or IPv6 address held as a number. IPv4 addresses occupy the low 32 bits of <see cref="Value"/>.
/// IPv4 sorts before IPv6; within a family addresses sort numerically. <c>default</c> is <c>0.0.0.0</c>.
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>, IComparable<IpAddress>
{
    private static readonly UInt128 V4Max = uint.MaxValue;

    private readonly UInt128 _value;
    private readonly bool _isV6;

    /// <summary>Creates an address of <paramref name="family"/> from its numeric value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the family (more than 32 bits for IPv4).</exception>
    public IpAddress(IpFamily family, UInt128 value)
    {
        ValidateFamily(family);
        if (family == IpFamily.V4 && value > V4Max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An IPv4 address value must fit in 32 bits.");
        }

        _value = value;
        _isV6 = family == IpFamily.V6;
    }

    /// <summary>The address family.</summary>
    public IpFamily Family => _isV6 ? IpFamily.V6 : IpFamily.V4;

    /// <summary>True for IPv4.</summary>
    public bool IsV4 => !_isV6;

    /// <summary>True for IPv6 (including IPv4-mapped IPv6, which stays IPv6).</summary>
    public bool IsV6 => _isV6;

    /// <summary>The address as an unsigned number (network byte order read big-endian).</summary>
    public UInt128 Value => _value;

    /// <summary>Number of bits in an address of this family: 32 or 128.</summary>
    public int BitLength => _isV6 ? 128 : 32;

    /// <summary>Number of bytes in an address of this family: 4 or 16.</summary>
    public int ByteLength => _isV6 ? 16 : 4;

    /// <summary>True when this is the all-zero address of its family.</summary>
    public bool IsZero => _value == UInt128.Zero;

    /// <summary>Creates an IPv4 address from its 32-bit value.</summary>
    public static IpAddress FromV4(uint value) => new(IpFamily.V4, value);

    /// <summary>Creates an IPv6 address from its 128-bit value.</summary>
    public static IpAddress FromV6(UInt128 value) => new(IpFamily.V6, value);

    /// <summary>The lowest address of a family: <c>0.0.0.0</c> or <c>::</c>.</summary>
    public static IpAddress MinValue(IpFamily family) => new(family, UInt128.Zero);

    /// <summary>The highest address of a family: <c>255.255.255.255</c> or <c>ffff:...:ffff</c>.</summary>
    public static IpAddress MaxValue(IpFamily family) => new(family, MaxNumber(family));

    /// <summary>Number of bits in an address of <paramref name="family"/>.</summary>
    public static int BitsOf(IpFamily family)
    {
        ValidateFamily(family);
        return family == IpFamily.V6 ? 128 : 32;
    }

    /// <summary>Parses an address (strict: see <see cref="TryParse(ReadOnlySpan{char}, out IpAddress)"/>).</summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the value.</exception>
    public static IpAddress Parse(string s)
    {
        if (!TryParse(s, out IpAddress address))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, InvalidMessage(s));
        }

        return address;
    }

    /// <summary>Parses an address of a required family.</summary>
    /// <exception cref="DraglineException">Not an address, or an address of the other family.</exception>
    public static IpAddress Parse(string s, IpFamily family)
    {
        IpAddress address = Parse(s);
        if (address.Family != family)
        {
            throw new DraglineException(
                DraglineErrorReason.InvalidValue,
                $"'{s}' is an IPv{(int)address.Family} address but an IPv{(int)family} address is required here.");
        }

        return address;
    }

    /// <summary>Tries to parse an address; never throws. See <see cref="TryParse(ReadOnlySpan{char}, out IpAddress)"/>.</summary>
    public static bool TryParse(string? s, out IpAddress address)
    {
        if (s is null)
        {
            address = default;
            return false;
        }

        return TryParse(s.AsSpan(), out address);
    }

    /// <summary>
    /// Tries to parse an address. IPv4 must be dotted decimal with four octets and no leading zeros
    /// (<c>10.0.0.1</c>, not <c>010.0.0.1</c>); IPv6 follows RFC 4291 text (hex groups, one <c>::</c>,
    /// optional dotted-quad tail). Spaces, brackets and zone ids (<c>%eth0</c>) are rejected.
    /// IPv4-mapped IPv6 (<c>::ffff:10.0.0.1</c>) stays IPv6.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> s, out IpAddress address)
    {
        if (s.Contains(':'))
        {
            if (IpText.TryParseV6(s, out UInt128 v6))
            {
                address = new IpAddress(v6, isV6: true);
                return true;
            }
        }
        else if (IpText.TryParseV4(s, out uint v4))
        {
            address = new IpAddress(v4, isV6: false);
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>Creates an address from 4 (IPv4) or 16 (IPv6) bytes in network order.</summary>
    /// <exception cref="ArgumentException">The span is neither 4 nor 16 bytes long.</exception>
    public static IpAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => new IpAddress(BinaryPrimitives.ReadUInt32BigEndian(bytes), isV6: false),
        16 => new IpAddress(BinaryPrimitives.ReadUInt128BigEndian(bytes), isV6: true),
        _ => throw new ArgumentException($"An IP address is 4 or 16 bytes, not {bytes.Length}.", nameof(bytes)),
    };

    /// <summary>
    /// Converts a <see cref="IPAddress"/>. An IPv6 scope id, if any, is dropped: Dragline addresses carry no zone.
    /// </summary>
    public static IpAddress FromSystem(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out int written))
        {
            throw new ArgumentException($"Cannot read the bytes of address {address}.", nameof(address));
        }

        return FromBytes(bytes[..written]);
    }

    /// <summary>The address in network byte order: 4 or 16 bytes.</summary>
    public byte[] GetBytes()
    {
        byte[] bytes = new byte[ByteLength];
        _ = TryWriteBytes(bytes);
        return bytes;
    }

    /// <summary>Writes the address in network byte order; false when <paramref name="destination"/> is shorter than <see cref="ByteLength"/>.</summary>
    public bool TryWriteBytes(Span<byte> destination)
    {
        if (destination.Length < ByteLength)
        {
            return false;
        }

        if (_isV6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(destination, _value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_value);
        }

        return true;
    }

    /// <summary>The equivalent <see cref="IPAddress"/>.</summary>
    public IPAddress ToSystemAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ = TryWriteBytes(bytes);
        return new IPAddress(bytes[..ByteLength]);
    }

    /// <summary>The matching <see cref="AddressFamily"/>.</summary>
    public AddressFamily AddressFamily => _isV6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;

    /// <summary>The address <paramref name="offset"/> above this one.</summary>
    /// <exception cref="OverflowException">The result would pass the family's highest address.</exception>
    public IpAddress Add(UInt128 offset)
    {
        if (!TryAdd(offset, out IpAddress result))
        {
            throw new OverflowException($"{this} + {offset} is past the highest IPv{(int)Family} address.");
        }

        return result;
    }

    /// <summary>The address <paramref name="offset"/> above this one, or false when that passes the family's highest address.</summary>
    public bool TryAdd(UInt128 offset, out IpAddress result)
    {
        UInt128 max = MaxNumber(Family);
        if (offset > max - _value)
        {
            result = default;
            return false;
        }

        result = new IpAddress(_value + offset, _isV6);
        return true;
    }

    /// <summary>The address <paramref name="offset"/> below this one.</summary>
    /// <exception cref="OverflowException">The result would be below zero.</exception>
    public IpAddress Subtract(UInt128 offset)
    {
        if (offset > _value)
        {
            throw new OverflowException($"{this} - {offset} is below the lowest IPv{(int)Family} address.");
        }

        return new IpAddress(_value - offset, _isV6);
    }

    /// <summary>The next address, or false at the family's highest address.</summary>
    public bool TryGetNext(out IpAddress next) => TryAdd(UInt128.One, out next);

    /// <summary>The previous address, or false at zero.</summary>
    public bool TryGetPrevious(out IpAddress previous)
    {
        if (_value == UInt128.Zero)
        {
            previous = default;
            return false;
        }

        previous = new IpAddress(_value - UInt128.One, _isV6);
        return true;
    }

    /// <summary>Canonical text: dotted decimal for IPv4, RFC 5952 for IPv6.</summary>
    public override string ToString() => _isV6 ? IpText.FormatV6(_value) : IpText.FormatV4((uint)_value);

    /// <inheritdoc/>
    public bool Equals(IpAddress other) => _value == other._value && _isV6 == other._isV6;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_value, _isV6);

    /// <summary>IPv4 before IPv6, then numeric order.</summary>
    public int CompareTo(IpAddress other) =>
        _isV6 != other._isV6 ? (_isV6 ? 1 : -1) : _value.CompareTo(other._value);

    /// <summary>Equality.</summary>
    public static bool operator ==(IpAddress left, IpAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpAddress left, IpAddress right) => !left.Equals(right);

    /// <summary>Ordering (IPv4 before IPv6).</summary>
    public static bool operator <(IpAddress left, IpAddress right) => left.CompareTo(right) < 0;

    /// <summary>Ordering (IPv4 before IPv6).</summary>
    public static bool operator >(IpAddress left, IpAddress right) => left.CompareTo(right) > 0;

    /// <summary>Ordering (IPv4 before IPv6).</summary>
    public static bool operator <=(IpAddress left, IpAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering (IPv4 before IPv6).</summary>
    public static bool operator >=(IpAddress left, IpAddress right) => left.CompareTo(right) >= 0;

    /// <summary>See <see cref="Add"/>.</summary>
    public static IpAddress operator +(IpAddress address, UInt128 offset) => address.Add(offset);

    /// <summary>See <see cref="Subtract"/>.</summary>
    public static IpAddress operator -(IpAddress address, UInt128 offset) => address.Subtract(offset);

    /// <summary>The distance <paramref name="left"/> − <paramref name="right"/> between two addresses of one family.</summary>
    /// <exception cref="ArgumentException">The families differ.</exception>
    /// <exception cref="OverflowException"><paramref name="right"/> is above <paramref name="left"/>.</exception>
    public static UInt128 operator -(IpAddress left, IpAddress right)
    {
        if (left._isV6 != right._isV6)
        {
            throw new ArgumentException($"Cannot subtract {right} from {left}: the families differ.", nameof(right));
        }

        if (right._value > left._value)
        {
            throw new OverflowException($"{right} is above {left}.");
        }

        return left._value - right._value;
    }

    internal IpAddress(UInt128 value, bool isV6)
    {
        _value = value;
        _isV6 = isV6;
    }

    internal static UInt128 MaxNumber(IpFamily family) => family == IpFamily.V6 ? UInt128.MaxValue : V4Max;

    internal static void ValidateFamily(IpFamily family)
    {
        if (family is not (IpFamily.V4 or IpFamily.V6))
        {
            throw new ArgumentOutOfRangeException(nameof(family), family, "The IP family must be V4 or V6.");
        }
    }

    private static string InvalidMessage(string? s) =>
        $"'{s}' is not a valid IP address: write IPv4 as dotted decimal without leading zeros (10.0.0.1) or IPv6 as RFC 4291 text (fd00::1), with no spaces, brackets or zone id.";
}
