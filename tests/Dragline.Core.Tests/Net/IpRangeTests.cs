using Dragline.Core.Net;

namespace Dragline.Core.Tests.Net;

public sealed class IpRangeTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", "10.0.0.5", "1")]
    [InlineData("10.0.0.10-10.0.0.20", "10.0.0.10", "10.0.0.20", "11")]
    [InlineData("10.0.0.10-10.0.0.10", "10.0.0.10", "10.0.0.10", "1")]
    [InlineData("0.0.0.0-255.255.255.255", "0.0.0.0", "255.255.255.255", "4294967296")]
    [InlineData("fd00::1-fd00::10", "fd00::1", "fd00::10", "16")]
    [InlineData("fd00::1", "fd00::1", "fd00::1", "1")]
    public void ParsesSpiderpoolSyntax(string text, string start, string end, string count)
    {
        IpRange range = IpRange.Parse(text);
        Assert.Equal(IpAddress.Parse(start), range.Start);
        Assert.Equal(IpAddress.Parse(end), range.End);
        Assert.Equal(UInt128.Parse(count), range.Count);
        Assert.Equal(start == end ? start : $"{start}-{end}", range.ToString());
    }

    [Fact]
    public void TheWholeIpv6SpaceSaturatesItsCount() =>
        Assert.Equal(UInt128.MaxValue, IpRange.Parse("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").Count);

    [Theory]
    [InlineData("", "''")]
    [InlineData("10.0.0.1 - 10.0.0.5", "'10.0.0.1 '")]
    [InlineData("10.0.0.1-", "''")]
    [InlineData("-10.0.0.1", "''")]
    [InlineData("10.0.0.1-10.0.0.2-10.0.0.3", "'10.0.0.2-10.0.0.3'")]
    [InlineData("10.0.0.9-10.0.0.5", "start 10.0.0.9 is greater than end 10.0.0.5")]
    [InlineData("10.0.0.1-fd00::1", "different IP families")]
    [InlineData("10.0.0.0/24", "'10.0.0.0/24'")]
    [InlineData("10.0.0.01", "'10.0.0.01'")]
    public void RejectsWithAnErrorNamingTheValue(string text, string detail)
    {
        Assert.False(IpRange.TryParse(text, out _, out string? error));
        Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        Assert.Contains(detail, error, StringComparison.Ordinal);
        DraglineException thrown = Assert.Throws<DraglineException>(() => IpRange.Parse(text));
        Assert.Equal(DraglineErrorReason.InvalidValue, thrown.Reason);
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void NullIsRejectedWithoutThrowing()
    {
        Assert.False(IpRange.TryParse(null, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void ConstructorChecksOrderAndFamily()
    {
        Assert.Throws<ArgumentException>(() => new IpRange(IpAddress.Parse("10.0.0.2"), IpAddress.Parse("10.0.0.1")));
        Assert.Throws<ArgumentException>(() => new IpRange(IpAddress.Parse("10.0.0.2"), IpAddress.Parse("fd00::1")));
    }

    [Fact]
    public void ContainsAndOverlaps()
    {
        IpRange range = IpRange.Parse("10.0.0.10-10.0.0.20");
        Assert.True(range.Contains(IpAddress.Parse("10.0.0.10")));
        Assert.True(range.Contains(IpAddress.Parse("10.0.0.20")));
        Assert.False(range.Contains(IpAddress.Parse("10.0.0.21")));
        Assert.False(range.Contains(IpAddress.Parse("::ffff:10.0.0.15")));
        Assert.True(range.Contains(IpRange.Parse("10.0.0.11-10.0.0.20")));
        Assert.False(range.Contains(IpRange.Parse("10.0.0.11-10.0.0.21")));
        Assert.True(range.Overlaps(IpRange.Parse("10.0.0.20-10.0.0.30")));
        Assert.False(range.Overlaps(IpRange.Parse("10.0.0.21-10.0.0.30")));
    }
}
