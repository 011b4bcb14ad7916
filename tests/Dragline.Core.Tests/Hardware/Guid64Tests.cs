using CsCheck;
using Dragline.Core.Hardware;

namespace Dragline.Core.Tests.Hardware;

public sealed class Guid64Tests
{
    [Fact]
    public void BothSpellingsAreTheSameNumber()
    {
        Guid64 bytes = Guid64.Parse("00:11:22:33:44:55:66:77");
        Guid64 grouped = Guid64.Parse("0011:2233:4455:6677");
        Assert.Equal(bytes, grouped);
        Assert.Equal(0x0011223344556677UL, bytes.Value);
        Assert.Equal(bytes.GetHashCode(), grouped.GetHashCode());
        Assert.Equal("00:11:22:33:44:55:66:77", grouped.ToString());
        Assert.Equal("0011:2233:4455:6677", bytes.ToString("g"));
        Assert.Equal("0011223344556677", bytes.ToString("x"));
        Assert.Equal("guid 0011:2233:4455:6677", $"guid {bytes:g}");
        Assert.Equal(Guid64.Parse("AA:BB:CC:DD:EE:FF:00:11"), Guid64.Parse("aabb:ccdd:eeff:0011"));
        Assert.True(Guid64.Parse("00:00:00:00:00:00:00:00").IsZero);
        Assert.True(Guid64.Parse("ffff:ffff:ffff:ffff").IsAllOnes);
        Assert.Throws<FormatException>(() => bytes.ToString("q"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("00:11:22:33:44:55:66")]
    [InlineData("00:11:22:33:44:55:66:77:88")]
    [InlineData("00-11-22-33-44-55-66-77")]
    [InlineData("0011:2233:4455")]
    [InlineData("0011:2233:4455:66778")]
    [InlineData("011:2233:4455:66778")]
    [InlineData("0011-2233-4455-6677")]
    [InlineData("0011:2233:4455:667g")]
    [InlineData("0011223344556677")]
    [InlineData("00:11:22:33:44:55:66:7 ")]
    public void RejectsMalformed(string text)
    {
        Assert.False(Guid64.TryParse(text, out _));
        DraglineException error = Assert.Throws<DraglineException>(() => Guid64.Parse(text));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomGuidsRoundTripInBothSpellingsAndCompareNumerically() =>
        Gen.Select(Gen.ULong, Gen.ULong).Sample((x, y) =>
        {
            Guid64 a = new(x);
            Guid64 b = new(y);
            Assert.Equal(a, Guid64.Parse(a.ToString()));
            Assert.Equal(a, Guid64.Parse(a.ToString("g").ToUpperInvariant()));
            Assert.Equal(a, Guid64.FromBytes(a.GetBytes()));
            Assert.Equal(x.CompareTo(y), a.CompareTo(b));
            Assert.Equal(x == y, Guid64.Parse(a.ToString("g")) == Guid64.Parse(b.ToString()));
        }, iter: 5000);
}
