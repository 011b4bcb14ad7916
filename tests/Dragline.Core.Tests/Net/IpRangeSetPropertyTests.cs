using System.Numerics;
using CsCheck;
using Dragline.Core.Net;

namespace Dragline.Core.Tests.Net;

/// <summary>
/// IpRangeSet against naive models. Small windows (48 addresses, anywhere in the space, including the very top
/// and bottom) are checked address by address against a HashSet. Huge spaces (IPv4 /8 and /0, IPv6 /64 and the
/// top /64 of the space) are checked against a model that works on the raw, unmerged input ranges with BigInteger
/// arithmetic, plus the counting identities.
/// </summary>
public sealed class IpRangeSetPropertyTests
{
    private const int Iterations = 5000;
    private const int Width = 48;

    private static readonly Gen<UInt128> AnyUInt128 = Gen.Select(Gen.ULong, Gen.ULong, static (high, low) => ((UInt128)high << 64) | low);

    private static readonly Gen<(int Low, int High)[]> WindowRanges =
        Gen.Select(Gen.Int[0, Width - 1], Gen.Int[0, Width - 1], static (a, b) => (Math.Min(a, b), Math.Max(a, b))).Array[0, 6];

    private static readonly Gen<UInt128> V4WindowBase = Gen.OneOf<UInt128>(
        Gen.Const(UInt128.Zero),
        Gen.UInt[0, uint.MaxValue - Width + 1].Select(static v => (UInt128)v),
        Gen.Const((UInt128)(uint.MaxValue - Width + 1)),
        Gen.UInt[0, (1u << 24) - Width].Select(static v => (UInt128)(0x0a000000u + v)));

    private static readonly Gen<UInt128> V6WindowBase = Gen.OneOf(
        Gen.Const(UInt128.Zero),
        AnyUInt128.Where(static v => v <= UInt128.MaxValue - Width + 1),
        Gen.Const(UInt128.MaxValue - Width + 1),
        Gen.ULong[0, ulong.MaxValue - Width + 1].Select(static v => IpAddress.Parse("fd00:1:2:3::").Value + v));

    [Fact]
    public void Ipv4WindowsMatchAHashSetModel() =>
        Gen.Select(V4WindowBase, WindowRanges, WindowRanges, Gen.Int[0, Width - 1])
            .Sample((b, a, c, cursor) => CheckWindow(IpFamily.V4, b, a, c, cursor), iter: Iterations);

    [Fact]
    public void Ipv6WindowsMatchAHashSetModel() =>
        Gen.Select(V6WindowBase, WindowRanges, WindowRanges, Gen.Int[0, Width - 1])
            .Sample((b, a, c, cursor) => CheckWindow(IpFamily.V6, b, a, c, cursor), iter: Iterations);

    [Fact]
    public void RangesInsideAnIpv4Slash8MatchTheRawRangeModel() => CheckHugeSpace("10.0.0.0/8");

    [Fact]
    public void RangesInsideTheWholeIpv4SpaceMatchTheRawRangeModel() => CheckHugeSpace("0.0.0.0/0");

    [Fact]
    public void RangesInsideAnIpv6Slash64MatchTheRawRangeModel() => CheckHugeSpace("fd00:1:2:3::/64");

    [Fact]
    public void RangesInsideTheTopIpv6Slash64MatchTheRawRangeModel() => CheckHugeSpace("ffff:ffff:ffff:ffff::/64");

    [Fact]
    public void ParsingTheNormalisedStringsGivesTheSameSet() =>
        Gen.Select(V6WindowBase, WindowRanges).Sample((b, ranges) =>
        {
            IpRangeSet set = Build(IpFamily.V6, b, ranges);
            Assert.Equal(set, IpRangeSet.Parse(IpFamily.V6, set.ToRangeStrings()));
            Assert.Equal(set.GetHashCode(), IpRangeSet.Parse(IpFamily.V6, set.ToRangeStrings()).GetHashCode());
            Assert.Equal(set, IpRangeSet.FromAddresses(IpFamily.V6, set.Enumerate()));
        }, iter: Iterations);

    private static void CheckWindow(IpFamily family, UInt128 windowBase, (int Low, int High)[] rangesA, (int Low, int High)[] rangesB, int cursor)
    {
        IpRangeSet a = Build(family, windowBase, rangesA);
        IpRangeSet b = Build(family, windowBase, rangesB);
        HashSet<int> modelA = Model(rangesA);
        HashSet<int> modelB = Model(rangesB);

        AssertMatches(a, modelA, family, windowBase);
        AssertMatches(a.Union(b), [.. modelA.Union(modelB)], family, windowBase);
        AssertMatches(a.Except(b), [.. modelA.Except(modelB)], family, windowBase);
        AssertMatches(a.Intersect(b), [.. modelA.Intersect(modelB)], family, windowBase);
        Assert.Equal(a.Union(b), b.Union(a));
        Assert.Equal(a.Intersect(b), b.Intersect(a));
        Assert.Equal(modelA.Overlaps(modelB), a.Overlaps(b));
        Assert.Equal(modelA.IsSupersetOf(modelB), a.IsSupersetOf(b));

        int[] free = [.. modelA.Except(modelB).Order()];
        Assert.Equal(free.Length == 0 ? null : At(family, windowBase, free[0]), a.LowestNotIn(b));
        int[] freeAfter = [.. free.Where(x => x >= cursor)];
        Assert.Equal(
            freeAfter.Length == 0 ? null : At(family, windowBase, freeAfter[0]),
            a.LowestAtOrAfterNotIn(At(family, windowBase, cursor)!.Value, b));

        int[] sorted = [.. modelA.Order()];
        for (int k = 0; k <= sorted.Length; k++)
        {
            Assert.Equal(k < sorted.Length ? At(family, windowBase, sorted[k]) : null, a.AddressAt((UInt128)k));
        }
    }

    private static void AssertMatches(IpRangeSet set, HashSet<int> model, IpFamily family, UInt128 windowBase)
    {
        AssertWellFormed(set);
        Assert.Equal(family, set.Family);
        Assert.Equal((UInt128)model.Count, set.Count);
        Assert.Equal(model.Count == 0, set.IsEmpty);
        Assert.Equal(model.Order(), set.Enumerate().Select(x => (int)(x.Value - windowBase)));
        Assert.Equal(model.Count == 0 ? null : At(family, windowBase, model.Min()), set.Lowest);
        Assert.Equal(model.Count == 0 ? null : At(family, windowBase, model.Max()), set.Highest);
        for (int offset = -1; offset <= Width; offset++)
        {
            UInt128 value = windowBase + (UInt128)(long)offset;
            bool inFamily = offset >= 0 ? value >= windowBase && value <= IpAddress.MaxValue(family).Value : windowBase > UInt128.Zero;
            if (inFamily)
            {
                Assert.Equal(model.Contains(offset), set.Contains(new IpAddress(family, offset < 0 ? windowBase - UInt128.One : value)));
            }
        }
    }

    private static void AssertWellFormed(IpRangeSet set)
    {
        for (int k = 0; k < set.Ranges.Count; k++)
        {
            IpRange range = set.Ranges[k];
            Assert.Equal(set.Family, range.Family);
            Assert.True(range.Start <= range.End);
            if (k > 0)
            {
                IpRange previous = set.Ranges[k - 1];
                Assert.True(range.Start.Value > previous.End.Value && range.Start.Value - previous.End.Value >= 2, $"{previous} and {range} overlap or touch");
            }
        }
    }

    private static IpRangeSet Build(IpFamily family, UInt128 windowBase, (int Low, int High)[] ranges) =>
        IpRangeSet.FromRanges(family, ranges.Select(r => new IpRange(At(family, windowBase, r.Low)!.Value, At(family, windowBase, r.High)!.Value)));

    private static HashSet<int> Model((int Low, int High)[] ranges)
    {
        HashSet<int> model = [];
        foreach ((int low, int high) in ranges)
        {
            for (int x = low; x <= high; x++)
            {
                model.Add(x);
            }
        }

        return model;
    }

    private static IpAddress? At(IpFamily family, UInt128 windowBase, int offset) => new IpAddress(family, windowBase + (UInt128)offset);

    // ---- huge spaces: model on raw ranges with BigInteger ----

    private sealed record RawRange(BigInteger Low, BigInteger High);

    private static void CheckHugeSpace(string prefix)
    {
        IpCidr cidr = IpCidr.Parse(prefix);
        BigInteger size = BigInteger.One << (cidr.Address.BitLength - cidr.PrefixLength);
        BigInteger origin = cidr.Network.Value;
        Gen<BigInteger> uniform = AnyUInt128.Select(v => (BigInteger)v % size);
        Gen<BigInteger> offset = Gen.Frequency<BigInteger>(
            (3, uniform),
            (1, Gen.Int[0, 64].Select(v => (BigInteger)v)),
            (1, Gen.Int[0, 64].Select(v => (size / 2) + v)),
            (1, Gen.Int[0, 64].Select(v => size - 1 - v)));
        Gen<BigInteger> length = Gen.Frequency<BigInteger>(
            (3, Gen.Int[0, 16].Select(v => (BigInteger)v)),
            (2, Gen.Int[0, 1 << 20].Select(v => (BigInteger)v)),
            (1, uniform));
        Gen<RawRange[]> ranges = Gen.Select(offset, length, (o, l) => new RawRange(origin + o, origin + BigInteger.Min(o + l, size - 1))).Array[0, 12];
        Gen<BigInteger> probe = Gen.OneOf(uniform, offset).Select(o => origin + o);

        Gen.Select(ranges, ranges, probe).Sample((rawA, rawB, cursor) =>
        {
            IpFamily family = cidr.Family;
            IpRangeSet a = FromRaw(family, rawA);
            IpRangeSet b = FromRaw(family, rawB);
            IpRangeSet union = a.Union(b);
            IpRangeSet except = a.Except(b);
            IpRangeSet intersect = a.Intersect(b);
            foreach (IpRangeSet set in (IpRangeSet[])[a, b, union, except, intersect])
            {
                AssertWellFormed(set);
            }

            bool InA(BigInteger x) => rawA.Any(r => r.Low <= x && x <= r.High);
            bool InB(BigInteger x) => rawB.Any(r => r.Low <= x && x <= r.High);

            // Counts against the model, then the identities.
            Assert.Equal(NaiveCount(rawA, rawB, InA), (BigInteger)a.Count);
            Assert.Equal(NaiveCount(rawA, rawB, x => InA(x) || InB(x)), (BigInteger)union.Count);
            Assert.Equal(NaiveCount(rawA, rawB, x => InA(x) && !InB(x)), (BigInteger)except.Count);
            Assert.Equal(NaiveCount(rawA, rawB, x => InA(x) && InB(x)), (BigInteger)intersect.Count);
            Assert.Equal(a.Count + b.Count - intersect.Count, union.Count);
            Assert.Equal(a.Count - intersect.Count, except.Count);
            Assert.True(except.Intersect(b).IsEmpty);
            Assert.Equal(a, except.Union(intersect));
            Assert.Equal(!intersect.IsEmpty, a.Overlaps(b));

            // Membership at every range edge (and one either side) and at the random probe.
            List<BigInteger> probes = [cursor];
            foreach (RawRange r in rawA.Concat(rawB))
            {
                probes.AddRange([r.Low - 1, r.Low, r.High, r.High + 1]);
            }

            foreach (BigInteger x in probes.Where(x => x >= origin && x < origin + size))
            {
                IpAddress address = new(family, (UInt128)x);
                Assert.Equal(InA(x), a.Contains(address));
                Assert.Equal(InA(x) || InB(x), union.Contains(address));
                Assert.Equal(InA(x) && !InB(x), except.Contains(address));
                Assert.Equal(InA(x) && InB(x), intersect.Contains(address));
            }

            // The lowest member of A not in B is a start of A or the address after an end of B.
            IEnumerable<BigInteger> candidates = rawA.Select(r => r.Low).Concat(rawB.Select(r => r.High + 1));
            BigInteger[] free = [.. candidates.Where(x => InA(x) && !InB(x)).Order()];
            Assert.Equal(free.Length == 0 ? null : new IpAddress(family, (UInt128)free[0]), a.LowestNotIn(b));
            Assert.Equal(except.Lowest, a.LowestNotIn(b));

            BigInteger[] freeAfter = [.. candidates.Append(cursor).Where(x => x >= cursor && InA(x) && !InB(x)).Order()];
            Assert.Equal(
                freeAfter.Length == 0 ? null : new IpAddress(family, (UInt128)freeAfter[0]),
                a.LowestAtOrAfterNotIn(new IpAddress(family, (UInt128)cursor), b));
        }, iter: Iterations);
    }

    private static IpRangeSet FromRaw(IpFamily family, RawRange[] raw) =>
        IpRangeSet.FromRanges(family, raw.Select(r => new IpRange(new IpAddress(family, (UInt128)r.Low), new IpAddress(family, (UInt128)r.High))));

    /// <summary>Counts the addresses satisfying <paramref name="member"/> by cutting the line at every range edge.</summary>
    private static BigInteger NaiveCount(RawRange[] rawA, RawRange[] rawB, Func<BigInteger, bool> member)
    {
        BigInteger[] cuts = [.. rawA.Concat(rawB).SelectMany(r => new[] { r.Low, r.High + 1 }).Distinct().Order()];
        BigInteger total = BigInteger.Zero;
        for (int k = 0; k + 1 < cuts.Length; k++)
        {
            if (member(cuts[k]))
            {
                total += cuts[k + 1] - cuts[k];
            }
        }

        return total;
    }
}
