using System.Net;
using CsCheck;
using Dragline.Core.Net;

namespace Dragline.Core.Tests.Net;

public sealed class IpAddressTests
{
    [Theory]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("10.0.0.1", 0x0a000001u)]
    [InlineData("192.168.100.255", 0xc0a864ffu)]
    [InlineData("255.255.255.255", 0xffffffffu)]
    public void ParsesIpv4(string text, uint expected)
    {
        IpAddress address = IpAddress.Parse(text);
        Assert.Equal(IpFamily.V4, address.Family);
        Assert.True(address.IsV4);
        Assert.Equal((UInt128)expected, address.Value);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("FD00::1", "fd00::1")]
    [InlineData("fd00:0:0:0:0:0:0:1", "fd00::1")]
    [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
    [InlineData("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1")]
    [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:db8::", "2001:db8::")]
    [InlineData("1:0:0:2:0:0:0:3", "1:0:0:2::3")]
    [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0")]
    [InlineData("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8")]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1")]
    [InlineData("::ffff:a00:1", "::ffff:10.0.0.1")]
    [InlineData("64:ff9b::192.0.2.33", "64:ff9b::c000:221")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void ParsesIpv6AndFormatsPerRfc5952(string text, string canonical)
    {
        IpAddress address = IpAddress.Parse(text);
        Assert.Equal(IpFamily.V6, address.Family);
        Assert.Equal(canonical, address.ToString());
        Assert.Equal(address, IpAddress.Parse(canonical));
        Assert.Equal(IPAddress.Parse(text).GetAddressBytes(), address.GetBytes());
    }

    [Fact]
    public void Ipv4MappedIpv6StaysIpv6()
    {
        IpAddress mapped = IpAddress.Parse("::ffff:10.0.0.1");
        Assert.Equal(IpFamily.V6, mapped.Family);
        Assert.NotEqual(IpAddress.Parse("10.0.0.1"), mapped);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("10.0.0.1 ")]
    [InlineData(" 10.0.0.1")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.1.2")]
    [InlineData("10.0.0.256")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.01")]
    [InlineData("10.0.0.00")]
    [InlineData("1.2.3.4.")]
    [InlineData(".1.2.3.4")]
    [InlineData("1..2.3")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("10.0.0.+1")]
    [InlineData("1234.0.0.1")]
    [InlineData("10.0.0.1/24")]
    [InlineData(":")]
    [InlineData(":::")]
    [InlineData("1:::2")]
    [InlineData("1::2::3")]
    [InlineData(":1::2")]
    [InlineData("1::2:")]
    [InlineData("1:2:3:4:5:6:7")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData("::1:2:3:4:5:6:7:8")]
    [InlineData("12345::1")]
    [InlineData("g::1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[fd00::1]")]
    [InlineData("fd00:: 1")]
    [InlineData("::ffff:10.0.0.01")]
    [InlineData("::10.0.0.1:1")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    public void RejectsMalformed(string text)
    {
        Assert.False(IpAddress.TryParse(text, out _));
        DraglineException error = Assert.Throws<DraglineException>(() => IpAddress.Parse(text));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseOfNullIsFalse() => Assert.False(IpAddress.TryParse(null, out _));

    [Fact]
    public void ParseWithFamilyRejectsTheOtherFamily()
    {
        Assert.Equal(IpFamily.V6, IpAddress.Parse("fd00::1", IpFamily.V6).Family);
        DraglineException error = Assert.Throws<DraglineException>(() => IpAddress.Parse("fd00::1", IpFamily.V4));
        Assert.Contains("fd00::1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArithmeticStopsAtTheFamilyEdges()
    {
        IpAddress top4 = IpAddress.MaxValue(IpFamily.V4);
        Assert.Equal("255.255.255.255", top4.ToString());
        Assert.False(top4.TryGetNext(out _));
        Assert.Throws<OverflowException>(() => top4 + UInt128.One);
        Assert.Equal(IpAddress.Parse("255.255.255.254"), top4 - UInt128.One);

        IpAddress top6 = IpAddress.MaxValue(IpFamily.V6);
        Assert.False(top6.TryAdd(UInt128.One, out _));
        Assert.True(IpAddress.Parse("::").TryAdd(UInt128.MaxValue, out IpAddress sum));
        Assert.Equal(top6, sum);
        Assert.Throws<OverflowException>(() => IpAddress.MinValue(IpFamily.V6) - UInt128.One);
        Assert.False(IpAddress.MinValue(IpFamily.V4).TryGetPrevious(out _));

        Assert.Equal(IpAddress.Parse("10.0.1.0"), IpAddress.Parse("10.0.0.255") + UInt128.One);
        Assert.Equal((UInt128)256, IpAddress.Parse("10.0.1.0") - IpAddress.Parse("10.0.0.0"));
        Assert.Throws<ArgumentException>(() => IpAddress.Parse("::1") - IpAddress.Parse("0.0.0.1"));
        Assert.Throws<OverflowException>(() => IpAddress.Parse("10.0.0.0") - IpAddress.Parse("10.0.0.1"));
    }

    private static readonly string[] Unsorted = ["fd00::1", "10.0.0.2", "::", "10.0.0.1", "255.255.255.255"];

    [Fact]
    public void OrdersIpv4BeforeIpv6ThenNumerically()
    {
        IpAddress[] sorted = [.. Unsorted.Select(IpAddress.Parse).Order()];
        Assert.Equal(["10.0.0.1", "10.0.0.2", "255.255.255.255", "::", "fd00::1"], sorted.Select(a => a.ToString()));
        Assert.True(IpAddress.Parse("255.255.255.255") < IpAddress.Parse("::"));
    }

    [Fact]
    public void ConvertsBytesAndSystemAddresses()
    {
        IpAddress v4 = IpAddress.FromBytes([10, 1, 2, 3]);
        Assert.Equal("10.1.2.3", v4.ToString());
        Assert.Equal(IPAddress.Parse("10.1.2.3"), v4.ToSystemAddress());
        Assert.Equal(v4, IpAddress.FromSystem(IPAddress.Parse("10.1.2.3")));

        IpAddress v6 = IpAddress.FromSystem(IPAddress.Parse("fe80::1%2"));
        Assert.Equal("fe80::1", v6.ToString());
        Assert.Equal(0, v6.ToSystemAddress().ScopeId);

        Span<byte> small = stackalloc byte[3];
        Assert.False(v4.TryWriteBytes(small));
        Assert.Throws<ArgumentException>(() => IpAddress.FromBytes(new byte[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpAddress(IpFamily.V4, (UInt128)uint.MaxValue + 1));
        Assert.Equal("0.0.0.0", default(IpAddress).ToString());
    }

    [Fact]
    public void RandomIpv4RoundTripsAndMatchesDottedDecimal() =>
        Gen.UInt.Sample(value =>
        {
            IpAddress address = IpAddress.FromV4(value);
            string expected = $"{value >> 24}.{(value >> 16) & 0xff}.{(value >> 8) & 0xff}.{value & 0xff}";
            Assert.Equal(expected, address.ToString());
            Assert.Equal(address, IpAddress.Parse(expected));
            Assert.Equal(address, IpAddress.FromBytes(address.GetBytes()));
            Assert.Equal(address, IpAddress.FromSystem(address.ToSystemAddress()));
        }, iter: 5000);

    /// <summary>Values biased toward zero runs so compression choices (ties, ends, mapped) are exercised.</summary>
    private static readonly Gen<UInt128> SparseV6 =
        Gen.Select(Gen.UShort.Array[8], Gen.Byte, (groups, zeroMask) =>
        {
            UInt128 value = UInt128.Zero;
            for (int k = 0; k < 8; k++)
            {
                ushort group = (zeroMask & (1 << k)) != 0 ? (ushort)0 : groups[k];
                value = (value << 16) | group;
            }

            return value;
        });

    [Fact]
    public void RandomIpv6RoundTripsAndAgreesWithSystemNet() =>
        SparseV6.Sample(value =>
        {
            IpAddress address = IpAddress.FromV6(value);
            string text = address.ToString();
            Assert.Equal(address, IpAddress.Parse(text));
            Assert.Equal(address.GetBytes(), IPAddress.Parse(text).GetAddressBytes());
            Assert.Equal(address, IpAddress.FromSystem(address.ToSystemAddress()));
            Assert.Equal(text, text.ToLowerInvariant());
            Assert.DoesNotContain(":::", text, StringComparison.Ordinal);

            // RFC 5952: "::" never replaces a single zero group, and only the one longest run is compressed.
            int compressed = text.IndexOf("::", StringComparison.Ordinal);
            Assert.Equal(-1, compressed < 0 ? -1 : text.IndexOf("::", compressed + 1, StringComparison.Ordinal));
            if (!text.StartsWith("::ffff:", StringComparison.Ordinal) || value >> 32 != 0xffff)
            {
                foreach (string group in text.Split(':'))
                {
                    Assert.True(group.Length <= 4 && (group.Length <= 1 || group[0] != '0'), $"group '{group}' in {text}");
                }
            }
        }, iter: 5000);
}
