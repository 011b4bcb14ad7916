namespace Dragline.Core.Net;

/// <summary>
/// An inclusive range of addresses of one family, written in Spiderpool's syntax: <c>10.0.0.5</c> (one address) or
/// <c>10.0.0.10-10.0.0.20</c> (start and end, no spaces, start ≤ end).
/// </summary>
public readonly struct IpRange : IEquatable<IpRange>
{
    /// <summary>Creates the range from <paramref name="start"/> to <paramref name="end"/>, both included.</summary>
    /// <exception cref="ArgumentException">The families differ or start is above end.</exception>
    public IpRange(IpAddress start, IpAddress end)
    {
        if (start.Family != end.Family)
        {
            throw new ArgumentException($"The range {start}-{end} mixes IPv4 and IPv6.", nameof(end));
        }

        if (start > end)
        {
            throw new ArgumentException($"The range {start}-{end} starts after it ends.", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>A range holding only <paramref name="address"/>.</summary>
    public IpRange(IpAddress address)
        : this(address, address)
    {
    }

    /// <summary>The first address (included).</summary>
    public IpAddress Start { get; }

    /// <summary>The last address (included).</summary>
    public IpAddress End { get; }

    /// <summary>The family of both ends.</summary>
    public IpFamily Family => Start.Family;

    /// <summary>
    /// Number of addresses. The whole IPv6 space holds 2^128 addresses, one more than <see cref="UInt128"/> can hold,
    /// and reports <see cref="UInt128.MaxValue"/>.
    /// </summary>
    public UInt128 Count
    {
        get
        {
            UInt128 span = End.Value - Start.Value;
            return span == UInt128.MaxValue ? span : span + UInt128.One;
        }
    }

    /// <summary>True when the range holds one address.</summary>
    public bool IsSingle => Start == End;

    /// <summary>Parses Spiderpool range syntax <c>A</c> or <c>A-B</c>.</summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the value and the rule broken.</exception>
    public static IpRange Parse(string s)
    {
        if (!TryParse(s, out IpRange range, out string? error))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, error);
        }

        return range;
    }

    /// <summary>Tries to parse Spiderpool range syntax; never throws.</summary>
    public static bool TryParse(string? s, out IpRange range) => TryParse(s, out range, out _);

    /// <summary>
    /// Tries to parse Spiderpool range syntax <c>A</c> or <c>A-B</c> (no spaces, one family, A ≤ B); never throws.
    /// On failure <paramref name="error"/> names the offending value and the rule it breaks.
    /// </summary>
    public static bool TryParse(string? s, out IpRange range, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        range = default;
        if (s is null)
        {
            error = "invalid IP range: the value is missing; write 'A' or 'A-B', like 10.0.0.5 or 10.0.0.10-10.0.0.20.";
            return false;
        }

        int dash = s.IndexOf('-', StringComparison.Ordinal);
        ReadOnlySpan<char> startText = dash < 0 ? s : s.AsSpan(0, dash);
        ReadOnlySpan<char> endText = dash < 0 ? s : s.AsSpan(dash + 1);
        if (!IpAddress.TryParse(startText, out IpAddress start))
        {
            error = Error(s, $"'{startText}' is not an IP address");
            return false;
        }

        if (!IpAddress.TryParse(endText, out IpAddress end))
        {
            error = Error(s, $"'{endText}' is not an IP address");
            return false;
        }

        if (start.Family != end.Family)
        {
            error = Error(s, "start and end are of different IP families");
            return false;
        }

        if (start > end)
        {
            error = Error(s, $"start {start} is greater than end {end}");
            return false;
        }

        range = new IpRange(start, end);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="address"/> is inside the range (same family).</summary>
    public bool Contains(IpAddress address) => address.Family == Family && Start <= address && address <= End;

    /// <summary>True when every address of <paramref name="other"/> is inside this range.</summary>
    public bool Contains(IpRange other) => other.Family == Family && Start <= other.Start && other.End <= End;

    /// <summary>True when the ranges share an address (always false across families).</summary>
    public bool Overlaps(IpRange other) => other.Family == Family && Start <= other.End && other.Start <= End;

    /// <summary>Spiderpool syntax: <c>A</c> when the range holds one address, else <c>A-B</c>.</summary>
    public override string ToString() => Start == End ? Start.ToString() : $"{Start}-{End}";

    /// <inheritdoc/>
    public bool Equals(IpRange other) => Start == other.Start && End == other.End;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IpRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Start, End);

    /// <summary>Equality.</summary>
    public static bool operator ==(IpRange left, IpRange right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(IpRange left, IpRange right) => !left.Equals(right);

    private static string Error(string s, string detail) =>
        $"invalid IP range '{s}': {detail}; write 'A' or 'A-B' with A and B of one IP family, A not above B, and no spaces (like 10.0.0.10-10.0.0.20).";
}
