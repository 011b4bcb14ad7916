namespace Dragline.Cni.Tests;

public sealed class CniArgsTests
{
    [Fact]
    public void Reads_the_kubernetes_keys_a_runtime_passes()
    {
        CniArgs args = CniArgs.Parse("IgnoreUnknown=1;K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=abc123;K8S_POD_UID=6f1c-22");

        Assert.Equal("team-a", args.PodNamespace);
        Assert.Equal("web-0", args.PodName);
        Assert.Equal("6f1c-22", args.PodUid);
        Assert.Equal("abc123", args.PodInfraContainerId);
        Assert.True(args.IgnoreUnknown);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(";")]
    public void Absent_args_are_fine(string? text)
    {
        CniArgs args = CniArgs.Parse(text);
        Assert.Null(args.PodName);
        Assert.Null(args.PodUid);
        Assert.False(args.IgnoreUnknown);
    }

    [Fact]
    public void Unknown_keys_are_kept_and_values_may_contain_equals()
    {
        CniArgs args = CniArgs.Parse("FOO=bar;K8S_POD_NAME=x;EXPR=a=b;");
        Assert.Equal("bar", args.Get("FOO"));
        Assert.Equal("a=b", args.Get("EXPR"));
        Assert.Equal("x", args.PodName);
    }

    [Fact]
    public void An_empty_value_reads_as_absent()
    {
        Assert.Null(CniArgs.Parse("K8S_POD_UID=").PodUid);
    }

    [Theory]
    [InlineData("K8S_POD_NAME")]
    [InlineData("=value")]
    [InlineData("A=1;garbage")]
    public void A_segment_without_key_and_value_is_code_4_naming_it(string text)
    {
        var ex = Assert.Throws<CniException>(() => CniArgs.Parse(text));
        Assert.Equal(CniErrorCode.InvalidEnvironment, ex.Code);
        Assert.Contains("CNI_ARGS", ex.Message);
    }
}
