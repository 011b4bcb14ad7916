namespace Dragline.Cni.Tests;

public sealed class CniVersionTests
{
    [Theory]
    [InlineData("0.3.0", 0, 3, 0)]
    [InlineData("0.3.1", 0, 3, 1)]
    [InlineData("1.1.0", 1, 1, 0)]
    [InlineData("10.20.30", 10, 20, 30)]
    public void Parses_major_minor_patch(string text, int major, int minor, int patch)
    {
        Assert.Equal(new CniVersion(major, minor, patch), CniVersion.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.x")]
    [InlineData("1..0")]
    [InlineData("-1.0.0")]
    public void Refuses_what_is_not_a_version_with_code_6(string text)
    {
        var ex = Assert.Throws<CniException>(() => CniVersion.Parse(text));
        Assert.Equal(CniErrorCode.DecodingFailure, ex.Code);
        Assert.Contains($"\"{text}\"", ex.Message);
    }

    [Fact]
    public void Orders_numerically_not_textually()
    {
        Assert.True(CniVersion.Parse("0.10.0") > CniVersion.Parse("0.4.0"));
        Assert.True(CniVersion.V0_3_1 < CniVersion.V0_4_0);
        Assert.True(CniVersion.Parse("1.0.0") <= CniVersion.V1_0_0);
    }

    [Fact]
    public void Supported_are_exactly_the_five_versions_with_the_result_shape_we_emit()
    {
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], CniVersion.SupportedStrings());
        Assert.False(CniVersion.Parse("0.2.0").IsSupported);
        Assert.False(CniVersion.Parse("1.2.0").IsSupported);
        Assert.Equal(CniVersion.V1_1_0, CniVersion.Latest);
    }

    [Fact]
    public void Feature_gates_follow_the_spec()
    {
        Assert.True(CniVersion.V0_4_0.ResultHasIpVersionField);
        Assert.False(CniVersion.V1_0_0.ResultHasIpVersionField);
        Assert.False(CniVersion.V0_3_1.SupportsCheck);
        Assert.True(CniVersion.V0_4_0.SupportsCheck);
        Assert.False(CniVersion.V1_0_0.SupportsGcAndStatus);
        Assert.True(CniVersion.V1_1_0.SupportsGcAndStatus);
    }
}
