namespace Dragline.Core.Net;

/// <summary>
/// An immutable set of addresses of one family, held as sorted, non-overlapping, non-adjacent inclusive ranges.
/// Every operation costs in proportion to the number of ranges, never the number of addresses, so an IPv6 /64 or an
/// IPv4 /8 is as cheap as a /24.
/// </summary>
public sealed class IpRangeSet : IEquatable<IpRangeSet>
{
    private static readonly IpRangeSet EmptyV4 = new(IpFamily.V4, []);
    private static readonly IpRangeSet EmptyV6 = new(IpFamily.V6, []);

    private readonly IpRange[] _ranges;

    private IpRangeSet(IpFamily family, IpRange[] normalisedRanges)
    {
        Family = family;
        _ranges = normalisedRanges;
        Ranges = Array.AsReadOnly(normalisedRanges);
    }

    /// <summary>The family of every address in the set.</summary>
    public IpFamily Family { get; }

    /// <summary>The set as sorted, non-overlapping, non-adjacent ranges.</summary>
    public IReadOnlyList<IpRange> Ranges { get; }

    /// <summary>True when the set holds no address.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>
    /// Number of addresses. The whole IPv6 space holds 2^128 addresses, one more than <see cref="UInt128"/> can hold,
    /// and reports <see cref="UInt128.MaxValue"/>; every other set reports its exact size.
    /// </summary>
    public UInt128 Count
    {
        get
        {
            UInt128 total = UInt128.Zero;
            foreach (IpRange range in _ranges)
            {
                UInt128 count = range.Count;
                if (count > UInt128.MaxValue - total)
                {
                    return UInt128.MaxValue;
                }

                total += count;
            }

            return total;
        }
    }

    /// <summary>The lowest address, or null when empty.</summary>
    public IpAddress? Lowest => _ranges.Length == 0 ? null : _ranges[0].Start;

    /// <summary>The highest address, or null when empty.</summary>
    public IpAddress? Highest => _ranges.Length == 0 ? null : _ranges[^1].End;

    /// <summary>The empty set of <paramref name="family"/>.</summary>
    public static IpRangeSet Empty(IpFamily family)
    {
        IpAddress.ValidateFamily(family);
        return family == IpFamily.V6 ? EmptyV6 : EmptyV4;
    }

    /// <summary>The set of the given ranges (in any order, overlapping or not).</summary>
    /// <exception cref="ArgumentException">A range is of the other family.</exception>
    public static IpRangeSet FromRanges(IpFamily family, IEnumerable<IpRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        IpAddress.ValidateFamily(family);
        IpRange[] array = [.. ranges];
        foreach (IpRange range in array)
        {
            if (range.Family != family)
            {
                throw new ArgumentException($"The range {range} is IPv{(int)range.Family}, but the set is IPv{(int)family}.", nameof(ranges));
            }
        }

        Array.Sort(array, static (a, b) => a.Start.CompareTo(b.Start));
        return new IpRangeSet(family, Coalesce(array));
    }

    /// <summary>The set holding one range.</summary>
    public static IpRangeSet FromRange(IpRange range) => new(range.Family, [range]);

    /// <summary>The set holding one address.</summary>
    public static IpRangeSet FromAddress(IpAddress address) => new(address.Family, [new IpRange(address)]);

    /// <summary>The set of the given addresses (any order, duplicates allowed); consecutive addresses become one range.</summary>
    /// <exception cref="ArgumentException">An address is of the other family.</exception>
    public static IpRangeSet FromAddresses(IpFamily family, IEnumerable<IpAddress> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return FromRanges(family, addresses.Select(static a => new IpRange(a)));
    }

    /// <summary>Every address of a CIDR (the whole prefix, whatever host bits the CIDR was written with).</summary>
    public static IpRangeSet FromCidr(IpCidr cidr) => FromRange(cidr.ToRange());

    /// <summary>
    /// Parses a list in Spiderpool range syntax (<c>spec.ips</c>, <c>spec.excludeIPs</c>): each item <c>A</c> or <c>A-B</c>
    /// of <paramref name="family"/>. Overlapping or adjacent items merge.
    /// </summary>
    /// <exception cref="DraglineException">Reason <see cref="DraglineErrorReason.InvalidValue"/>; the message names the item.</exception>
    public static IpRangeSet Parse(IpFamily family, IEnumerable<string> ranges)
    {
        if (!TryParse(family, ranges, out IpRangeSet? set, out string? error))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, error);
        }

        return set;
    }

    /// <summary>Tries to parse a list in Spiderpool range syntax; never throws. On failure <paramref name="error"/> names the item.</summary>
    public static bool TryParse(
        IpFamily family,
        IEnumerable<string>? ranges,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IpRangeSet? set,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        set = null;
        if (family is not (IpFamily.V4 or IpFamily.V6))
        {
            error = $"unknown IP family {(int)family}: use 4 or 6.";
            return false;
        }

        List<IpRange> parsed = [];
        foreach (string item in ranges ?? [])
        {
            if (!IpRange.TryParse(item, out IpRange range, out error))
            {
                return false;
            }

            if (range.Family != family)
            {
                error = $"invalid IP range '{item}': it is IPv{(int)range.Family}, but this list holds IPv{(int)family} ranges.";
                return false;
            }

            parsed.Add(range);
        }

        set = FromRanges(family, parsed);
        error = null;
        return true;
    }

    /// <summary>Addresses in either set.</summary>
    public IpRangeSet Union(IpRangeSet other)
    {
        RequireSameFamily(other);
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        // Merge the two sorted arrays, then coalesce: linear in the number of ranges.
        IpRange[] merged = new IpRange[_ranges.Length + other._ranges.Length];
        int i = 0, j = 0, k = 0;
        while (i < _ranges.Length && j < other._ranges.Length)
        {
            merged[k++] = _ranges[i].Start <= other._ranges[j].Start ? _ranges[i++] : other._ranges[j++];
        }

        while (i < _ranges.Length)
        {
            merged[k++] = _ranges[i++];
        }

        while (j < other._ranges.Length)
        {
            merged[k++] = other._ranges[j++];
        }

        return new IpRangeSet(Family, Coalesce(merged));
    }

    /// <summary>Addresses in this set or in <paramref name="range"/>.</summary>
    public IpRangeSet Union(IpRange range) => Union(FromRange(range));

    /// <summary>Addresses of this set that are not in <paramref name="other"/>.</summary>
    public IpRangeSet Except(IpRangeSet other)
    {
        RequireSameFamily(other);
        if (IsEmpty || other.IsEmpty)
        {
            return this;
        }

        IpRange[] b = other._ranges;
        List<IpRange> result = [];
        int j = 0;
        foreach (IpRange range in _ranges)
        {
            UInt128 start = range.Start.Value;
            UInt128 end = range.End.Value;
            bool open = true;
            while (j < b.Length && b[j].End.Value < start)
            {
                j++;
            }

            while (j < b.Length && b[j].Start.Value <= end)
            {
                if (b[j].Start.Value > start)
                {
                    result.Add(Make(start, b[j].Start.Value - UInt128.One));
                }

                if (b[j].End.Value >= end)
                {
                    // b[j] covers the rest of this range; it may cover the next one too, so keep j.
                    open = false;
                    break;
                }

                start = b[j].End.Value + UInt128.One;
                j++;
            }

            if (open)
            {
                result.Add(Make(start, end));
            }
        }

        return new IpRangeSet(Family, [.. result]);
    }

    /// <summary>Addresses of this set that are not in <paramref name="range"/>.</summary>
    public IpRangeSet Except(IpRange range) => Except(FromRange(range));

    /// <summary>Addresses in both sets.</summary>
    public IpRangeSet Intersect(IpRangeSet other)
    {
        RequireSameFamily(other);
        IpRange[] a = _ranges;
        IpRange[] b = other._ranges;
        List<IpRange> result = [];
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            IpAddress low = a[i].Start > b[j].Start ? a[i].Start : b[j].Start;
            IpAddress high = a[i].End < b[j].End ? a[i].End : b[j].End;
            if (low <= high)
            {
                result.Add(new IpRange(low, high));
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        // Pieces of two non-adjacent range lists are themselves non-adjacent: no coalescing needed.
        return new IpRangeSet(Family, [.. result]);
    }

    /// <summary>True when <paramref name="address"/> is in the set (false for the other family).</summary>
    public bool Contains(IpAddress address)
    {
        if (address.Family != Family)
        {
            return false;
        }

        int index = IndexOfLastStartingAtOrBelow(_ranges, address.Value);
        return index >= 0 && _ranges[index].End >= address;
    }

    /// <summary>True when every address of <paramref name="range"/> is in the set.</summary>
    public bool Contains(IpRange range)
    {
        if (range.Family != Family)
        {
            return false;
        }

        int index = IndexOfLastStartingAtOrBelow(_ranges, range.Start.Value);
        return index >= 0 && _ranges[index].End >= range.End;
    }

    /// <summary>True when every address of <paramref name="other"/> is in this set.</summary>
    public bool IsSupersetOf(IpRangeSet other)
    {
        RequireSameFamily(other);
        return other.Except(this).IsEmpty;
    }

    /// <summary>True when the sets share an address.</summary>
    public bool Overlaps(IpRangeSet other)
    {
        RequireSameFamily(other);
        IpRange[] a = _ranges;
        IpRange[] b = other._ranges;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i].Start <= b[j].End && b[j].Start <= a[i].End)
            {
                return true;
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    /// <summary>The lowest address of this set that is not in <paramref name="other"/>, or null when there is none.</summary>
    public IpAddress? LowestNotIn(IpRangeSet other) =>
        LowestAtOrAfterNotIn(IpAddress.MinValue(Family), other);

    /// <summary>
    /// The lowest address of this set at or above <paramref name="start"/> that is not in <paramref name="other"/>, or
    /// null when there is none (no wrap-around: call <see cref="LowestNotIn"/> to wrap). Finds "the next free address
    /// after a cursor" with <paramref name="other"/> as the used addresses.
    /// </summary>
    public IpAddress? LowestAtOrAfterNotIn(IpAddress start, IpRangeSet other)
    {
        RequireSameFamily(other);
        if (start.Family != Family)
        {
            throw new ArgumentException($"The cursor {start} is IPv{(int)start.Family}, but the set is IPv{(int)Family}.", nameof(start));
        }

        IpRange[] a = _ranges;
        IpRange[] b = other._ranges;
        int i = IndexOfFirstEndingAtOrAbove(a, start.Value);
        int j = IndexOfFirstEndingAtOrAbove(b, start.Value);
        for (; i < a.Length; i++)
        {
            UInt128 candidate = UInt128.Max(start.Value, a[i].Start.Value);
            while (j < b.Length && b[j].End.Value < candidate)
            {
                j++;
            }

            if (j < b.Length && b[j].Start.Value <= candidate)
            {
                if (b[j].End.Value >= a[i].End.Value)
                {
                    continue;
                }

                // b is non-adjacent, so the address after b[j] is not in b[j + 1].
                candidate = b[j].End.Value + UInt128.One;
            }

            return new IpAddress(candidate, Family == IpFamily.V6);
        }

        return null;
    }

    /// <summary>
    /// The address at zero-based <paramref name="index"/> in ascending order, or null when the set is smaller.
    /// Cost is proportional to the number of ranges.
    /// </summary>
    public IpAddress? AddressAt(UInt128 index)
    {
        foreach (IpRange range in _ranges)
        {
            UInt128 span = range.End.Value - range.Start.Value;
            if (index <= span)
            {
                return new IpAddress(range.Start.Value + index, Family == IpFamily.V6);
            }

            index -= span + UInt128.One;
        }

        return null;
    }

    /// <summary>Every address in ascending order, produced lazily (never materialised).</summary>
    public IEnumerable<IpAddress> Enumerate()
    {
        bool isV6 = Family == IpFamily.V6;
        foreach (IpRange range in _ranges)
        {
            UInt128 current = range.Start.Value;
            UInt128 end = range.End.Value;
            while (true)
            {
                yield return new IpAddress(current, isV6);
                if (current == end)
                {
                    break;
                }

                current++;
            }
        }
    }

    /// <summary>The set in Spiderpool range syntax, merged and sorted, as the webhook normalises <c>spec.ips</c>.</summary>
    public IReadOnlyList<string> ToRangeStrings() => Array.AsReadOnly(_ranges.Select(static r => r.ToString()).ToArray());

    /// <summary>The ranges joined with commas, e.g. <c>10.0.0.1-10.0.0.5,10.0.0.9</c>; empty text for an empty set.</summary>
    public override string ToString() => string.Join(',', _ranges);

    /// <summary>Equal when the family and the addresses are equal.</summary>
    public bool Equals(IpRangeSet? other) =>
        other is not null && Family == other.Family && _ranges.AsSpan().SequenceEqual(other._ranges);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IpRangeSet);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        HashCode hash = default;
        hash.Add(Family);
        foreach (IpRange range in _ranges)
        {
            hash.Add(range);
        }

        return hash.ToHashCode();
    }

    /// <summary>Sorted-by-start ranges → non-overlapping, non-adjacent ranges.</summary>
    private static IpRange[] Coalesce(IpRange[] sorted)
    {
        if (sorted.Length <= 1)
        {
            return sorted;
        }

        List<IpRange> result = new(sorted.Length);
        IpAddress start = sorted[0].Start;
        IpAddress end = sorted[0].End;
        for (int k = 1; k < sorted.Length; k++)
        {
            IpRange next = sorted[k];

            // next.Start ≥ start; it joins when it overlaps or touches: next.Start ≤ end + 1, written without overflow.
            if (next.Start <= end || next.Start.Value - end.Value == UInt128.One)
            {
                if (next.End > end)
                {
                    end = next.End;
                }
            }
            else
            {
                result.Add(new IpRange(start, end));
                start = next.Start;
                end = next.End;
            }
        }

        result.Add(new IpRange(start, end));
        return [.. result];
    }

    /// <summary>Index of the last range whose start is ≤ value, or -1.</summary>
    private static int IndexOfLastStartingAtOrBelow(IpRange[] ranges, UInt128 value)
    {
        int low = 0, high = ranges.Length - 1, found = -1;
        while (low <= high)
        {
            int mid = low + ((high - low) / 2);
            if (ranges[mid].Start.Value <= value)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    /// <summary>Index of the first range whose end is ≥ value, or the length.</summary>
    private static int IndexOfFirstEndingAtOrAbove(IpRange[] ranges, UInt128 value)
    {
        int low = 0, high = ranges.Length;
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (ranges[mid].End.Value < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private IpRange Make(UInt128 start, UInt128 end)
    {
        bool isV6 = Family == IpFamily.V6;
        return new IpRange(new IpAddress(start, isV6), new IpAddress(end, isV6));
    }

    private void RequireSameFamily(IpRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Family != Family)
        {
            throw new ArgumentException($"Cannot combine an IPv{(int)Family} set with an IPv{(int)other.Family} set.", nameof(other));
        }
    }
}
