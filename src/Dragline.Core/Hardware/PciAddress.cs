namespace Dragline.Core.Hardware;

/// <summary>
/// A PCI function address, <c>domain:bus:device.function</c>: <c>0000:86:00.0</c>, or <c>86:00.0</c> for domain 0.
/// Device is 0x00-0x1f and function 0-7. Ordered by domain, bus, device, function.
/// </summary>
public readonly struct PciAddress : IEquatable<PciAddress>, IComparable<PciAddress>
{
    /// <summary>Highest device number.</summary>
    public const int MaxDevice = 0x1f;

    /// <summary>Highest function number.</summary>
    public const int MaxFunction = 7;

    /// <summary>Creates an address from its parts.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Device above 0x1f or function above 7.</exception>
    public PciAddress(uint domain, byte bus, byte device, byte function)
    {
        if (device > MaxDevice)
        {
            throw new ArgumentOutOfRangeException(nameof(device), device, "A PCI device number is 0x00 to 0x1f.");
        }

        if (function > MaxFunction)
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, "A PCI function number is 0 to 7.");
        }

        Domain = domain;
        Bus = bus;
        Device = device;
        Function = function;
    }

    /// <summary>The PCI domain (segment); usually 0, wider than 16 bits on some hosts (e.g. VMD domains <c>10000</c>).</summary>
    public uint Domain { get; }

    /// <summary>The bus number.</summary>
    public byte Bus { get; }

    /// <summary>The device number, 0x00-0x1f.</summary>
    public byte Device { get; }

    /// <summary>The function number, 0-7.</summary>
    public byte Function { get; }

    /// <summary>Parses <c>0000:86:00.0</c> (domain of 4 to 8 hex digits) or <c>86:00.0</c> (domain 0), either case.</summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the value and what is wrong.</exception>
    public static PciAddress Parse(string s)
    {
        if (!TryParse(s, out PciAddress address, out string? error))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, error);
        }

        return address;
    }

    /// <summary>Tries to parse a PCI address; never throws.</summary>
    public static bool TryParse(string? s, out PciAddress address) => TryParse(s, out address, out _);

    /// <summary>Tries to parse a PCI address; never throws. On failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? s, out PciAddress address, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        address = default;
        ReadOnlySpan<char> text = s.AsSpan();
        int dot = text.LastIndexOf('.');
        int lastColon = text.LastIndexOf(':');
        if (s is null || dot < 0 || lastColon < 0 || dot != lastColon + 3 || dot != text.Length - 2)
        {
            error = Error(s, "expected the form domain:bus:device.function");
            return false;
        }

        uint domain = 0;
        int busAt = lastColon - 2;
        if (busAt < 0 || (busAt > 0 && text[busAt - 1] != ':'))
        {
            error = Error(s, "expected the form domain:bus:device.function");
            return false;
        }

        if (busAt > 0)
        {
            int domainDigits = busAt - 1;
            if (domainDigits is < 4 or > 8 || !HexText.TryReadFixed(text, domainDigits, out ulong d))
            {
                error = Error(s, "the domain must be 4 to 8 hex digits");
                return false;
            }

            domain = (uint)d;
        }

        if (!HexText.TryReadFixed(text[busAt..], 2, out ulong bus))
        {
            error = Error(s, "the bus must be 2 hex digits");
            return false;
        }

        if (!HexText.TryReadFixed(text[(lastColon + 1)..], 2, out ulong device))
        {
            error = Error(s, "the device must be 2 hex digits");
            return false;
        }

        if (device > MaxDevice)
        {
            error = Error(s, $"device 0x{device:x2} is above 0x1f");
            return false;
        }

        char f = text[dot + 1];
        if (f is < '0' or > '7')
        {
            error = Error(s, $"function '{f}' is not 0 to 7");
            return false;
        }

        address = new PciAddress(domain, (byte)bus, (byte)device, (byte)(f - '0'));
        error = null;
        return true;
    }

    /// <summary>Full lower-case form <c>0000:86:00.0</c> (the domain has at least 4 digits), as sysfs names devices.</summary>
    public override string ToString() => $"{Domain:x4}:{Bus:x2}:{Device:x2}.{Function:x1}";

    /// <inheritdoc/>
    public bool Equals(PciAddress other) =>
        Domain == other.Domain && Bus == other.Bus && Device == other.Device && Function == other.Function;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PciAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Domain, Bus, Device, Function);

    /// <summary>Order by domain, bus, device, function.</summary>
    public int CompareTo(PciAddress other) => SortKey.CompareTo(other.SortKey);

    private ulong SortKey => ((ulong)Domain << 16) | ((uint)Bus << 8) | ((uint)Device << 3) | Function;

    /// <summary>Equality.</summary>
    public static bool operator ==(PciAddress left, PciAddress right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(PciAddress left, PciAddress right) => !left.Equals(right);

    /// <summary>Order.</summary>
    public static bool operator <(PciAddress left, PciAddress right) => left.CompareTo(right) < 0;

    /// <summary>Order.</summary>
    public static bool operator >(PciAddress left, PciAddress right) => left.CompareTo(right) > 0;

    /// <summary>Order.</summary>
    public static bool operator <=(PciAddress left, PciAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Order.</summary>
    public static bool operator >=(PciAddress left, PciAddress right) => left.CompareTo(right) >= 0;

    private static string Error(string? s, string detail) =>
        $"'{s}' is not a valid PCI address: {detail}; write it like 0000:86:00.0 or 86:00.0 (device 00-1f, function 0-7).";
}
