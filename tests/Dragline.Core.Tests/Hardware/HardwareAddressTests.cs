using Dragline.Core.Hardware;

namespace Dragline.Core.Tests.Hardware;

public sealed class HardwareAddressTests
{
    private const string IpoIb = "00:00:10:49:fe:80:00:00:00:00:00:00:00:11:22:33:44:55:66:77";

    [Fact]
    public void ParsesAnInfiniBandAddress()
    {
        HardwareAddress address = HardwareAddress.Parse(IpoIb.ToUpperInvariant());
        Assert.Equal(20, address.Length);
        Assert.True(address.IsInfiniBand);
        Assert.False(address.IsEthernet);
        Assert.Equal(IpoIb, address.ToString());
        Assert.Equal(Guid64.Parse("0011:2233:4455:6677"), address.InfiniBandPortGuid);
        Assert.Equal(address, HardwareAddress.FromBytes(address.GetBytes()));
        Assert.Equal(address.GetHashCode(), HardwareAddress.Parse(IpoIb).GetHashCode());
        Assert.Throws<InvalidOperationException>(() => address.ToMacAddress());
    }

    [Fact]
    public void ParsesEthernetAndEui64Addresses()
    {
        HardwareAddress ethernet = HardwareAddress.Parse("02-00-5E-10-00-01");
        Assert.True(ethernet.IsEthernet);
        Assert.Equal(MacAddress.Parse("02:00:5e:10:00:01"), ethernet.ToMacAddress());
        Assert.Equal(ethernet, HardwareAddress.FromMac(ethernet.ToMacAddress()));
        Assert.Equal(8, HardwareAddress.Parse("00:11:22:33:44:55:66:77").Length);
        Assert.Throws<InvalidOperationException>(() => ethernet.InfiniBandPortGuid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00:11:22:33:44")]
    [InlineData("00:11:22:33:44:55:66")]
    [InlineData("00:00:10:49:fe:80:00:00:00:00:00:00:00:11:22:33:44:55:66:77:88")]
    [InlineData("00:00:10:49:fe:80:00:00:00:00:00:00:00:11:22:33:44:55:66-77")]
    [InlineData("00:00:10:49:fe:80:00:00:00:00:00:00:00:11:22:33:44:55:66:7")]
    public void RejectsMalformed(string text)
    {
        Assert.False(HardwareAddress.TryParse(text, out _));
        DraglineException error = Assert.Throws<DraglineException>(() => HardwareAddress.Parse(text));
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultIsEmpty()
    {
        HardwareAddress empty = default;
        Assert.Equal(0, empty.Length);
        Assert.True(empty.IsZero);
        Assert.Equal(string.Empty, empty.ToString());
        Assert.Equal(default, empty);
        Assert.Throws<ArgumentException>(() => HardwareAddress.FromBytes(new byte[7]));
    }
}
