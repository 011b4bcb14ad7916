using CsCheck;
using Dragline.Core.Hardware;

namespace Dragline.Core.Tests.Hardware;

public sealed class PciAddressTests
{
    [Theory]
    [InlineData("0000:86:00.0", 0u, 0x86, 0, 0, "0000:86:00.0")]
    [InlineData("86:00.0", 0u, 0x86, 0, 0, "0000:86:00.0")]
    [InlineData("0000:3B:1F.7", 0u, 0x3b, 0x1f, 7, "0000:3b:1f.7")]
    [InlineData("00ab:04:00.1", 0xabu, 0x04, 0, 1, "00ab:04:00.1")]
    [InlineData("10000:e0:06.0", 0x10000u, 0xe0, 6, 0, "10000:e0:06.0")]
    public void ParsesAndFormats(string text, uint domain, int bus, int device, int function, string canonical)
    {
        PciAddress address = PciAddress.Parse(text);
        Assert.Equal(domain, address.Domain);
        Assert.Equal(bus, address.Bus);
        Assert.Equal(device, address.Device);
        Assert.Equal(function, address.Function);
        Assert.Equal(canonical, address.ToString());
        Assert.Equal(address, PciAddress.Parse(canonical));
    }

    [Theory]
    [InlineData("", "domain:bus:device.function")]
    [InlineData("0000:86:00", "domain:bus:device.function")]
    [InlineData("0000:86:00.8", "function '8' is not 0 to 7")]
    [InlineData("0000:86:20.0", "device 0x20 is above 0x1f")]
    [InlineData("0000:86:0.0", "domain:bus:device.function")]
    [InlineData("000:86:00.0", "the domain must be 4 to 8 hex digits")]
    [InlineData("0000:8g:00.0", "the bus must be 2 hex digits")]
    [InlineData("0000:86:0x.0", "the device must be 2 hex digits")]
    [InlineData("0000:86:00.0 ", "domain:bus:device.function")]
    [InlineData(":86:00.0", "the domain must be 4 to 8 hex digits")]
    [InlineData("0000-86:00.0", "domain:bus:device.function")]
    [InlineData("0000:86:00.00", "domain:bus:device.function")]
    public void RejectsWithAClearReason(string text, string reason)
    {
        Assert.False(PciAddress.TryParse(text, out _));
        DraglineException error = Assert.Throws<DraglineException>(() => PciAddress.Parse(text));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static readonly string[] Unsorted = ["0001:00:00.0", "0000:86:00.1", "0000:86:00.0", "0000:3b:1f.7", "0000:86:01.0"];

    [Fact]
    public void OrdersByDomainBusDeviceFunction()
    {
        string[] sorted = [.. Unsorted
            .Select(PciAddress.Parse).Order().Select(a => a.ToString())];
        Assert.Equal(["0000:3b:1f.7", "0000:86:00.0", "0000:86:00.1", "0000:86:01.0", "0001:00:00.0"], sorted);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciAddress(0, 0, 0x20, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PciAddress(0, 0, 0, 8));
    }

    [Fact]
    public void RandomAddressesRoundTripAndOrderLikeTheirText() =>
        Gen.Select(Gen.UShort, Gen.Byte, Gen.Byte[0, 0x1f], Gen.Byte[0, 7]).Select(t => new PciAddress(t.Item1, t.Item2, t.Item3, t.Item4))
            .Array[2].Sample(pair =>
            {
                PciAddress a = pair[0];
                PciAddress b = pair[1];
                Assert.Equal(a, PciAddress.Parse(a.ToString()));
                Assert.Equal(a, PciAddress.Parse(a.ToString().ToUpperInvariant()));
                Assert.Equal(Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString())), Math.Sign(a.CompareTo(b)));
            }, iter: 5000);
}
