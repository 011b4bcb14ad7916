namespace Dragline.Core.Hardware;

/// <summary>
/// A link-layer address of any length the kernel reports: 6 bytes (Ethernet), 8 bytes (EUI-64) or 20 bytes
/// (IPoIB: flags, 24-bit queue pair number, 16-byte port GID, e.g. <c>00:00:10:49:fe:80:00:00:00:00:00:00:...</c>).
/// Text is two-digit hex bytes separated by ':' or '-'. <c>default</c> is the empty address.
/// </summary>
public readonly struct HardwareAddress : IEquatable<HardwareAddress>
{
    /// <summary>Byte length of an Ethernet MAC address.</summary>
    public const int EthernetLength = 6;

    /// <summary>Byte length of an EUI-64 address.</summary>
    public const int Eui64Length = 8;

    /// <summary>Byte length of an IPoIB (InfiniBand) hardware address.</summary>
    public const int InfiniBandLength = 20;

    private readonly byte[]? _bytes;

    private HardwareAddress(byte[] bytes) => _bytes = bytes;

    /// <summary>Number of bytes (0 for <c>default</c>).</summary>
    public int Length => _bytes?.Length ?? 0;

    /// <summary>True for a 20-byte IPoIB address.</summary>
    public bool IsInfiniBand => Length == InfiniBandLength;

    /// <summary>True for a 6-byte Ethernet address.</summary>
    public bool IsEthernet => Length == EthernetLength;

    /// <summary>True when every byte is zero (or the address is empty).</summary>
    public bool IsZero => AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>The bytes, read-only.</summary>
    public ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>A copy of the bytes.</summary>
    public byte[] GetBytes() => AsSpan().ToArray();

    /// <summary>The port GUID of an IPoIB address: its last 8 bytes.</summary>
    /// <exception cref="InvalidOperationException">This is not a 20-byte IPoIB address.</exception>
    public Guid64 InfiniBandPortGuid => IsInfiniBand
        ? Guid64.FromBytes(AsSpan()[12..])
        : throw new InvalidOperationException($"{this} is not a 20-byte InfiniBand hardware address.");

    /// <summary>Creates an address from 6, 8 or 20 bytes (copied).</summary>
    /// <exception cref="ArgumentException">Any other length.</exception>
    public static HardwareAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length is not (EthernetLength or Eui64Length or InfiniBandLength))
        {
            throw new ArgumentException($"A hardware address is 6, 8 or 20 bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new HardwareAddress(bytes.ToArray());
    }

    /// <summary>The hardware address of a MAC address.</summary>
    public static HardwareAddress FromMac(MacAddress mac) => new(mac.GetBytes());

    /// <summary>Parses 6, 8 or 20 two-digit hex bytes separated by ':' or '-' (one kind throughout).</summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the value.</exception>
    public static HardwareAddress Parse(string s)
    {
        if (!TryParse(s, out HardwareAddress address))
        {
            throw new DraglineException(
                DraglineErrorReason.InvalidValue,
                $"'{s}' is not a valid hardware address: write 6, 8 or 20 two-digit hex bytes separated by ':' or '-', like 02:00:5e:10:00:01 or a 20-byte InfiniBand address.");
        }

        return address;
    }

    /// <summary>Tries to parse a hardware address; never throws.</summary>
    public static bool TryParse(string? s, out HardwareAddress address)
    {
        address = default;
        Span<byte> bytes = stackalloc byte[InfiniBandLength];
        int count = HexText.TryReadSeparatedBytes(s.AsSpan(), bytes, ":-");
        if (count is not (EthernetLength or Eui64Length or InfiniBandLength))
        {
            return false;
        }

        address = new HardwareAddress(bytes[..count].ToArray());
        return true;
    }

    /// <summary>The MAC address of a 6-byte hardware address.</summary>
    /// <exception cref="InvalidOperationException">The address is not 6 bytes.</exception>
    public MacAddress ToMacAddress() => IsEthernet
        ? MacAddress.FromBytes(AsSpan())
        : throw new InvalidOperationException($"{this} is not a 6-byte Ethernet address.");

    /// <summary>Lower-case colon form.</summary>
    public override string ToString() => HexText.FormatColonBytes(AsSpan());

    /// <summary>Equal when the bytes are equal.</summary>
    public bool Equals(HardwareAddress other) => AsSpan().SequenceEqual(other.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HardwareAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        hash.AddBytes(AsSpan());
        return hash.ToHashCode();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(HardwareAddress left, HardwareAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(HardwareAddress left, HardwareAddress right) => !left.Equals(right);
}
