using CsCheck;
using Dragline.Core.Net;

namespace Dragline.Core.Tests.Net;

public sealed class IpCidrTests
{
    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.0", "10.0.0.255", true, "256")]
    [InlineData("10.0.0.7/24", "10.0.0.0", "10.0.0.255", false, "256")]
    [InlineData("10.0.0.7/32", "10.0.0.7", "10.0.0.7", true, "1")]
    [InlineData("0.0.0.0/0", "0.0.0.0", "255.255.255.255", true, "4294967296")]
    [InlineData("10.0.0.0/8", "10.0.0.0", "10.255.255.255", true, "16777216")]
    [InlineData("fd00::/64", "fd00::", "fd00::ffff:ffff:ffff:ffff", true, "18446744073709551616")]
    [InlineData("fd00::1/64", "fd00::", "fd00::ffff:ffff:ffff:ffff", false, "18446744073709551616")]
    [InlineData("fd00::1/128", "fd00::1", "fd00::1", true, "1")]
    [InlineData("::/1", "::", "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true, "170141183460469231731687303715884105728")]
    public void ParsesAndComputesBounds(string text, string network, string last, bool canonical, string size)
    {
        IpCidr cidr = IpCidr.Parse(text);
        Assert.Equal(text, cidr.ToString());
        Assert.Equal(IpAddress.Parse(network), cidr.Network);
        Assert.Equal(IpAddress.Parse(last), cidr.Last);
        Assert.Equal(cidr.Last, cidr.Broadcast);
        Assert.Equal(canonical, cidr.IsCanonical);
        Assert.Equal(UInt128.Parse(size), cidr.Size);
        Assert.True(cidr.Canonical.IsCanonical);
        Assert.Equal(cidr.Network, cidr.Canonical.Address);
        Assert.Equal(new IpRange(cidr.Network, cidr.Last), cidr.ToRange());
    }

    [Fact]
    public void TheWholeIpv6SpaceSaturatesItsSize() =>
        Assert.Equal(UInt128.MaxValue, IpCidr.Parse("::/0").Size);

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/024")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("10.0.0.0 /8")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("fd00::/129")]
    [InlineData("fd00::/1000")]
    [InlineData("fd00::%eth0/64")]
    [InlineData("/24")]
    public void RejectsMalformed(string text)
    {
        Assert.False(IpCidr.TryParse(text, out _));
        DraglineException error = Assert.Throws<DraglineException>(() => IpCidr.Parse(text));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseCanonicalQuotesSpiderpoolsMessageAndTheFix()
    {
        Assert.Equal("10.0.0.0/24", IpCidr.ParseCanonical("10.0.0.0/24").ToString());
        NonCanonicalCidrException error = Assert.Throws<NonCanonicalCidrException>(() => IpCidr.ParseCanonical("10.0.0.7/24"));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Equal("unformatted subnet 10.0.0.7/24, please change it to 10.0.0.0/24", error.Message);
        Assert.Equal("10.0.0.7/24", error.Written);
        Assert.Equal("10.0.0.0/24", error.CanonicalText);

        NonCanonicalCidrException v6 = Assert.Throws<NonCanonicalCidrException>(() => IpCidr.ParseCanonical("fd00::1:2/64"));
        Assert.Equal("fd00::/64", v6.CanonicalText);
        Assert.Throws<DraglineException>(() => IpCidr.ParseCanonical("nonsense"));
    }

    [Fact]
    public void ContainsAndOverlaps()
    {
        IpCidr net = IpCidr.Parse("10.1.0.0/16");
        Assert.True(net.Contains(IpAddress.Parse("10.1.255.255")));
        Assert.False(net.Contains(IpAddress.Parse("10.2.0.0")));
        Assert.False(net.Contains(IpAddress.Parse("::ffff:10.1.0.1")));
        Assert.True(net.Contains(IpRange.Parse("10.1.0.10-10.1.3.0")));
        Assert.False(net.Contains(IpRange.Parse("10.1.0.10-10.2.0.0")));
        Assert.True(net.Overlaps(IpCidr.Parse("10.0.0.0/8")));
        Assert.True(net.Overlaps(IpCidr.Parse("10.1.2.0/24")));
        Assert.False(net.Overlaps(IpCidr.Parse("10.2.0.0/16")));
        Assert.False(net.Overlaps(IpCidr.Parse("::/0")));
    }

    [Fact]
    public void ContainsMatchesBoundsOnRandomPrefixes() =>
        Gen.Select(Gen.UInt, Gen.Int[0, 32], Gen.UInt).Sample((value, prefix, probe) =>
        {
            IpCidr cidr = new(IpAddress.FromV4(value), prefix);
            IpAddress x = IpAddress.FromV4(probe);
            Assert.Equal(cidr.Network <= x && x <= cidr.Last, cidr.Contains(x));
            Assert.True(cidr.Contains(cidr.Address));
            Assert.Equal(cidr.Size, (cidr.Last - cidr.Network) + UInt128.One);
            Assert.Equal(cidr, IpCidr.Parse(cidr.ToString()));
        }, iter: 5000);
}
