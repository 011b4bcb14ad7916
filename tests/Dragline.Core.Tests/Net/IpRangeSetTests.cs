using Dragline.Core.Net;

namespace Dragline.Core.Tests.Net;

public sealed class IpRangeSetTests
{
    private static IpRangeSet V4(params string[] ranges) => IpRangeSet.Parse(IpFamily.V4, ranges);

    private static IpRangeSet V6(params string[] ranges) => IpRangeSet.Parse(IpFamily.V6, ranges);

    [Fact]
    public void NormalisesLikeTheWebhook()
    {
        IpRangeSet set = V4("10.0.0.20-10.0.0.30", "10.0.0.5", "10.0.0.1-10.0.0.4", "10.0.0.25-10.0.0.31", "10.0.0.40", "10.0.0.6");
        Assert.Equal(["10.0.0.1-10.0.0.6", "10.0.0.20-10.0.0.31", "10.0.0.40"], set.ToRangeStrings());
        Assert.Equal((UInt128)19, set.Count);
        Assert.Equal("10.0.0.1-10.0.0.6,10.0.0.20-10.0.0.31,10.0.0.40", set.ToString());
        Assert.Equal(set, V4([.. set.ToRangeStrings()]));
    }

    [Fact]
    public void ParseRejectsTheOtherFamilyAndBadItemsNamingThem()
    {
        DraglineException wrongFamily = Assert.Throws<DraglineException>(() => V4("10.0.0.1", "fd00::1-fd00::5"));
        Assert.Contains("'fd00::1-fd00::5'", wrongFamily.Message, StringComparison.Ordinal);
        Assert.Equal(DraglineErrorReason.InvalidValue, wrongFamily.Reason);

        DraglineException reversed = Assert.Throws<DraglineException>(() => V4("10.0.0.9-10.0.0.1"));
        Assert.Contains("'10.0.0.9-10.0.0.1'", reversed.Message, StringComparison.Ordinal);

        Assert.False(IpRangeSet.TryParse(IpFamily.V6, ["fd00::1", "bad"], out _, out string? error));
        Assert.Contains("'bad'", error, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => IpRangeSet.FromRanges(IpFamily.V4, [IpRange.Parse("fd00::1")]));
    }

    [Fact]
    public void SetOperationsOnAKnownExample()
    {
        IpRangeSet ips = V4("10.0.0.1-10.0.0.100");
        IpRangeSet exclude = V4("10.0.0.1", "10.0.0.50-10.0.0.60", "10.0.0.100-10.0.0.200");
        IpRangeSet usable = ips.Except(exclude);
        Assert.Equal(["10.0.0.2-10.0.0.49", "10.0.0.61-10.0.0.99"], usable.ToRangeStrings());
        Assert.Equal((UInt128)(48 + 39), usable.Count);
        Assert.Equal(["10.0.0.1", "10.0.0.50-10.0.0.60", "10.0.0.100"], ips.Intersect(exclude).ToRangeStrings());
        Assert.Equal(["10.0.0.1-10.0.0.200"], ips.Union(exclude).ToRangeStrings());
        Assert.True(ips.Overlaps(exclude));
        Assert.False(usable.Overlaps(exclude));
        Assert.True(ips.IsSupersetOf(usable));
        Assert.False(usable.IsSupersetOf(ips));
        Assert.Equal(IpAddress.Parse("10.0.0.2"), ips.LowestNotIn(exclude));
        Assert.Equal(IpAddress.Parse("10.0.0.61"), ips.LowestAtOrAfterNotIn(IpAddress.Parse("10.0.0.50"), exclude));
        Assert.Equal(IpAddress.Parse("10.0.0.99"), ips.LowestAtOrAfterNotIn(IpAddress.Parse("10.0.0.99"), exclude));
        Assert.Null(ips.LowestAtOrAfterNotIn(IpAddress.Parse("10.0.0.100"), exclude));
        Assert.Null(exclude.LowestNotIn(V4("10.0.0.0-10.0.0.255")));
        Assert.True(usable.Contains(IpRange.Parse("10.0.0.61-10.0.0.99")));
        Assert.False(usable.Contains(IpRange.Parse("10.0.0.49-10.0.0.61")));
        Assert.Equal(IpAddress.Parse("10.0.0.61"), usable.AddressAt(48));
        Assert.Null(usable.AddressAt(87));
    }

    [Fact]
    public void EmptySets()
    {
        IpRangeSet empty = IpRangeSet.Empty(IpFamily.V6);
        Assert.True(empty.IsEmpty);
        Assert.Equal(UInt128.Zero, empty.Count);
        Assert.Null(empty.Lowest);
        Assert.Null(empty.Highest);
        Assert.Null(empty.LowestNotIn(empty));
        Assert.Empty(empty.Enumerate());
        Assert.Empty(empty.ToRangeStrings());
        Assert.Equal(empty, IpRangeSet.Parse(IpFamily.V6, []));
        Assert.NotEqual(empty, IpRangeSet.Empty(IpFamily.V4));
        IpRangeSet some = V6("fd00::1");
        Assert.Equal(some, some.Union(empty));
        Assert.Equal(some, some.Except(empty));
        Assert.True(some.Intersect(empty).IsEmpty);
        Assert.Equal(IpAddress.Parse("fd00::1"), some.LowestNotIn(empty));
    }

    [Fact]
    public void MixingFamiliesIsRefused()
    {
        Assert.Throws<ArgumentException>(() => V4("10.0.0.1").Union(V6("fd00::1")));
        Assert.Throws<ArgumentException>(() => V4("10.0.0.1").Except(V6("fd00::1")));
        Assert.Throws<ArgumentException>(() => V4("10.0.0.1").LowestAtOrAfterNotIn(IpAddress.Parse("::"), V4()));
        Assert.False(V4("10.0.0.1").Contains(IpAddress.Parse("::ffff:10.0.0.1")));
    }

    [Fact]
    public void TheWholeIpv6SpaceIsHandledWithoutOverflow()
    {
        IpRangeSet all = IpRangeSet.FromCidr(IpCidr.Parse("::/0"));
        IpAddress max = IpAddress.MaxValue(IpFamily.V6);
        Assert.Equal(UInt128.MaxValue, all.Count);
        IpRangeSet allButTop = all.Except(IpRangeSet.FromAddress(max));
        Assert.Equal(UInt128.MaxValue, allButTop.Count);
        Assert.Equal(max, all.LowestNotIn(allButTop));
        Assert.Equal(IpAddress.Parse("::"), all.LowestNotIn(all.Except(V6("::"))));
        Assert.Null(all.LowestNotIn(all));
        Assert.Equal(all, allButTop.Union(IpRangeSet.FromAddress(max)));
        Assert.Equal(["::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"], all.ToRangeStrings());

        IpRangeSet top = V6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        Assert.Equal(3, top.Enumerate().Count());
        Assert.Equal(max, top.Enumerate().Last());
        Assert.Equal(max, all.AddressAt(UInt128.MaxValue));
        Assert.Equal(IpAddress.Parse("::"), all.Except(top).LowestNotIn(top));
    }

    [Fact]
    public void HugeSetsAreCountedAndSearchedWithoutEnumeration()
    {
        IpRangeSet subnet = IpRangeSet.FromCidr(IpCidr.Parse("fd00::/64"));
        IpRangeSet used = V6("fd00::-fd00::ffff:ffff:ffff:fffe");
        Assert.Equal(UInt128.One << 64, subnet.Count);
        Assert.Equal(IpAddress.Parse("fd00::ffff:ffff:ffff:ffff"), subnet.LowestNotIn(used));
        Assert.Equal(UInt128.One, subnet.Except(used).Count);

        IpRangeSet ten = IpRangeSet.FromCidr(IpCidr.Parse("10.0.0.0/8"));
        Assert.Equal((UInt128)16_777_216, ten.Count);
        Assert.Equal(IpAddress.Parse("10.0.0.0"), ten.Enumerate().First());
    }
}
