using CsCheck;
using Dragline.Core.Hardware;

namespace Dragline.Core.Tests.Hardware;

public sealed class MacAddressTests
{
    [Theory]
    [InlineData("02:00:5e:10:00:01", "02:00:5e:10:00:01")]
    [InlineData("02:00:5E:10:00:0A", "02:00:5e:10:00:0a")]
    [InlineData("02-00-5e-10-00-01", "02:00:5e:10:00:01")]
    [InlineData("ff:ff:ff:ff:ff:ff", "ff:ff:ff:ff:ff:ff")]
    public void ParsesAndFormatsLowerCaseColons(string text, string canonical)
    {
        MacAddress mac = MacAddress.Parse(text);
        Assert.Equal(canonical, mac.ToString());
        Assert.Equal(mac, MacAddress.Parse(canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData("02:00:5e:10:00")]
    [InlineData("02:00:5e:10:00:01:02")]
    [InlineData("02:00-5e:10:00:01")]
    [InlineData("02.00.5e.10.00.01")]
    [InlineData("0200.5e10.0001")]
    [InlineData("2:00:5e:10:00:001")]
    [InlineData("02:00:5e:10:00:0g")]
    [InlineData(" 02:00:5e:10:00:01")]
    [InlineData("02:00:5e:10:00:01 ")]
    [InlineData("00:00:10:49:fe:80:00:00:00:00:00:00:00:11:22:33:44:55:66:77")]
    public void RejectsMalformed(string text)
    {
        Assert.False(MacAddress.TryParse(text, out _));
        DraglineException error = Assert.Throws<DraglineException>(() => MacAddress.Parse(text));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAddressKinds()
    {
        MacAddress local = MacAddress.Parse("02:00:5e:10:00:01");
        Assert.True(local.IsUnicast);
        Assert.True(local.IsLocallyAdministered);
        Assert.False(local.IsZero);

        MacAddress vendor = MacAddress.Parse("b8:ce:f6:01:02:03");
        Assert.True(vendor.IsUnicast);
        Assert.False(vendor.IsLocallyAdministered);

        MacAddress multicast = MacAddress.Parse("01:00:5e:00:00:01");
        Assert.False(multicast.IsUnicast);
        Assert.True(multicast.IsMulticast);
        Assert.False(multicast.IsBroadcast);
        Assert.True(MacAddress.Broadcast.IsBroadcast);
        Assert.True(MacAddress.Zero.IsZero);
        Assert.Equal("00:00:00:00:00:00", default(MacAddress).ToString());
        Assert.False(MacAddress.TryParse(null, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MacAddress(1UL << 48));
        Assert.Throws<ArgumentException>(() => MacAddress.FromBytes(new byte[5]));
    }

    [Fact]
    public void RandomAddressesRoundTrip() =>
        Gen.ULong[0, 0xffff_ffff_ffffUL].Sample(value =>
        {
            MacAddress mac = new(value);
            string text = mac.ToString();
            Assert.Equal(mac, MacAddress.Parse(text));
            Assert.Equal(mac, MacAddress.Parse(text.ToUpperInvariant().Replace(':', '-')));
            Assert.Equal(mac, MacAddress.FromBytes(mac.GetBytes()));
            Assert.Equal(Convert.ToHexStringLower(mac.GetBytes()), text.Replace(":", string.Empty, StringComparison.Ordinal));
            Assert.Equal((mac.GetBytes()[0] & 1) == 0, mac.IsUnicast);
        }, iter: 5000);
}
