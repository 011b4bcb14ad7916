using Dragline.Core;

namespace Dragline.Ipam.Tests.Engine;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("pool-*", "pool-a", true)]
    [InlineData("pool-*", "pool-", true)]
    [InlineData("pool-*", "poolx", false)]
    [InlineData("p?ol", "pool", true)]
    [InlineData("p?ol", "pl", false)]
    [InlineData("rail[0-3]", "rail2", true)]
    [InlineData("rail[0-3]", "rail7", false)]
    [InlineData("rail[^0-3]", "rail7", true)]
    [InlineData("rail[!0-3]", "rail1", false)]
    [InlineData("a\\*", "a*", true)]
    [InlineData("a\\*", "ab", false)]
    [InlineData("*-v6", "rdma-v6", true)]
    [InlineData("[unclosed", "u", false)]
    public void Glob_MatchesLikeGoFilepathMatch(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, GlobPattern.IsMatch(pattern, name));
    }

    public static TheoryData<string, Action<string>> EveryAnnotationParser => new()
    {
        { IpamAnnotations.IPPools, v => IpamAnnotationParser.ParseIPPools(v, "eth0") },
        { IpamAnnotations.IPPool, v => IpamAnnotationParser.ParseIPPool(v, "eth0") },
        { IpamAnnotations.NamespaceDefaultIPv4Pool, v => IpamAnnotationParser.ParseNameList(IpamAnnotations.NamespaceDefaultIPv4Pool, v) },
        { IpamAnnotations.Routes, v => IpamAnnotationParser.ParseRoutes(v) },
        { IpamAnnotations.MultusNetworks, v => IpamAnnotationParser.ParseMultusNetworks(v, "pods") },
    };

    [Theory]
    [MemberData(nameof(EveryAnnotationParser))]
    public void EveryAnnotation_OverTheSizeLimit_IsRefusedNamingItsSizeAndTheLimit(string key, Action<string> parse)
    {
        // A well-formed value, only too long: the bound is checked before any parsing.
        string value = "[\"" + new string('a', IpamAnnotationParser.MaxValueLength) + "\"]";

        DraglineException e = Assert.Throws<DraglineException>(() => parse(value));

        Assert.Contains($"annotation {key} is {value.Length} characters long, over the limit of {IpamAnnotationParser.MaxValueLength}", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 400, e.Message);
    }

    [Fact]
    public void AnAnnotationAtTheSizeLimit_IsParsed()
    {
        string name = new('p', IpamAnnotationParser.MaxValueLength - 4);

        Assert.Equal([name], IpamAnnotationParser.ParseNameList(IpamAnnotations.NamespaceDefaultIPv4Pool, "[\"" + name + "\"]"));
    }

    [Fact]
    public void ABadLongValue_IsQuotedOnlyInPart()
    {
        string value = "{" + new string('x', 5000);

        DraglineException e = Assert.Throws<DraglineException>(() => IpamAnnotationParser.ParseIPPool(value, "eth0"));

        Assert.Contains("… (5001 characters)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 201), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultusNetworks_JsonAndCommaForms()
    {
        Assert.Equal(
            [new MultusAttachment("ns1", "a", "net5"), new MultusAttachment("pods", "b", "")],
            IpamAnnotationParser.ParseMultusNetworks("""[{"name":"a","namespace":"ns1","interface":"net5"},{"name":"b"}]""", "pods"));
        Assert.Equal(
            [new MultusAttachment("ns1", "a", "net5"), new MultusAttachment("pods", "b", "")],
            IpamAnnotationParser.ParseMultusNetworks("ns1/a@net5, b", "pods"));
    }

    [Theory]
    [InlineData("""[{"dst":"10.0.0.0/8"}]""", "gw ''")]
    [InlineData("""{"dst":"10.0.0.0/8","gw":"10.1.1.1"}""", "JSON array")]
    [InlineData("""[{"dst":"nonsense","gw":"10.1.1.1"}]""", "dst 'nonsense'")]
    public void Routes_BadValuesAreNamed(string value, string why)
    {
        DraglineException error = Assert.Throws<DraglineException>(() => IpamAnnotationParser.ParseRoutes(value));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains(IpamAnnotations.Routes, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamespaceDefaults_MustBeAListOfNames()
    {
        Assert.Equal(["a", "b"], IpamAnnotationParser.ParseNameList(IpamAnnotations.NamespaceDefaultIPv4Pool, """["a","b"]"""));
        DraglineException error = Assert.Throws<DraglineException>(() => IpamAnnotationParser.ParseNameList(IpamAnnotations.NamespaceDefaultIPv4Pool, "a,b"));
        Assert.Contains("'a,b'", error.Message, StringComparison.Ordinal);
    }
}
