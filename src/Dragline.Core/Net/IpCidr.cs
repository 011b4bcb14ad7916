namespace Dragline.Core.Net;

/// <summary>
/// An address with a prefix length, <c>a.b.c.d/n</c> or <c>x::y/n</c>. <see cref="Address"/> is kept as written, so
/// <c>10.0.0.7/24</c> is representable; <see cref="IsCanonical"/> says whether it has host bits set.
/// </summary>
public readonly struct IpCidr : IEquatable<IpCidr>
{
    /// <summary>Creates a CIDR from an address and a prefix length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The prefix length is negative or longer than the address.</exception>
    public IpCidr(IpAddress address, int prefixLength)
    {
        if (prefixLength < 0 || prefixLength > address.BitLength)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, $"An IPv{(int)address.Family} prefix length is 0 to {address.BitLength}.");
        }

        Address = address;
        PrefixLength = prefixLength;
    }

    /// <summary>The address as written (may have host bits set; see <see cref="IsCanonical"/>).</summary>
    public IpAddress Address { get; }

    /// <summary>The prefix length in bits.</summary>
    public int PrefixLength { get; }

    /// <summary>The family of the address.</summary>
    public IpFamily Family => Address.Family;

    /// <summary>The first address: <see cref="Address"/> with the host bits cleared.</summary>
    public IpAddress Network => new(Address.Value & ~HostMask, Address.IsV6);

    /// <summary>The last address: <see cref="Address"/> with the host bits set.</summary>
    public IpAddress Last => new(Address.Value | HostMask, Address.IsV6);

    /// <summary>The last address (IPv4's broadcast address; for IPv6 the same as <see cref="Last"/>).</summary>
    public IpAddress Broadcast => Last;

    /// <summary>True when <see cref="Address"/> has no host bits set.</summary>
    public bool IsCanonical => (Address.Value & HostMask) == UInt128.Zero;

    /// <summary>The same prefix with host bits cleared.</summary>
    public IpCidr Canonical => new(Network, PrefixLength);

    /// <summary>
    /// Number of addresses covered. <c>::/0</c> holds 2^128 addresses, one more than <see cref="UInt128"/> can hold,
    /// and reports <see cref="UInt128.MaxValue"/>.
    /// </summary>
    public UInt128 Size => HostMask == UInt128.MaxValue ? UInt128.MaxValue : HostMask + UInt128.One;

    /// <summary>All addresses of the prefix as an inclusive range.</summary>
    public IpRange ToRange() => new(Network, Last);

    private UInt128 HostMask
    {
        get
        {
            int hostBits = Address.BitLength - PrefixLength;
            return hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
        }
    }

    /// <summary>Parses <c>address/prefix</c>; host bits are allowed (check <see cref="IsCanonical"/> or use <see cref="ParseCanonical"/>).</summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the value.</exception>
    public static IpCidr Parse(string s)
    {
        if (!TryParse(s, out IpCidr cidr))
        {
            throw new DraglineException(
                DraglineErrorReason.InvalidValue,
                $"'{s}' is not a valid CIDR: write an address, '/', and a prefix length without leading zeros, like 10.0.0.0/24 or fd00::/64.");
        }

        return cidr;
    }

    /// <summary>
    /// Parses a CIDR and requires it to be canonical (no host bits), as Spiderpool requires of <c>spec.subnet</c>.
    /// </summary>
    /// <exception cref="NonCanonicalCidrException">The CIDR has host bits set; the exception carries the canonical form.</exception>
    /// <exception cref="DraglineException">The text is not a CIDR.</exception>
    public static IpCidr ParseCanonical(string s)
    {
        IpCidr cidr = Parse(s);
        if (!cidr.IsCanonical)
        {
            throw new NonCanonicalCidrException(s, cidr.Canonical);
        }

        return cidr;
    }

    /// <summary>Tries to parse <c>address/prefix</c>; never throws. The prefix is decimal, without sign or leading zeros.</summary>
    public static bool TryParse(string? s, out IpCidr cidr)
    {
        cidr = default;
        if (s is null)
        {
            return false;
        }

        int slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IpAddress.TryParse(s.AsSpan(0, slash), out IpAddress address))
        {
            return false;
        }

        ReadOnlySpan<char> bits = s.AsSpan(slash + 1);
        if (bits.Length is 0 or > 3 || (bits.Length > 1 && bits[0] == '0'))
        {
            return false;
        }

        int prefix = 0;
        foreach (char c in bits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            prefix = (prefix * 10) + (c - '0');
        }

        if (prefix > address.BitLength)
        {
            return false;
        }

        cidr = new IpCidr(address, prefix);
        return true;
    }

    /// <summary>True when <paramref name="address"/> is inside the prefix (same family).</summary>
    public bool Contains(IpAddress address) =>
        address.Family == Family && (address.Value & ~HostMask) == (Address.Value & ~HostMask);

    /// <summary>True when every address of <paramref name="range"/> is inside the prefix.</summary>
    public bool Contains(IpRange range) => Contains(range.Start) && Contains(range.End);

    /// <summary>True when the two prefixes share an address (always false across families).</summary>
    public bool Overlaps(IpCidr other) =>
        other.Family == Family && Network <= other.Last && other.Network <= Last;

    /// <summary><c>address/prefix</c> with the address as written.</summary>
    public override string ToString() => $"{Address}/{PrefixLength}";

    /// <summary>Equal when address (as written) and prefix length are equal.</summary>
    public bool Equals(IpCidr other) => Address == other.Address && PrefixLength == other.PrefixLength;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpCidr other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Address, PrefixLength);

    /// <summary>Equality.</summary>
    public static bool operator ==(IpCidr left, IpCidr right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpCidr left, IpCidr right) => !left.Equals(right);
}
