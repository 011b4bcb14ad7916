using Dragline.Api.Model;

namespace Dragline.Api.Tests.Model;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front" };

    [Fact]
    public void EmptySelectorMatchesEverything()
    {
        var selector = new LabelSelector();
        Assert.True(selector.IsEmpty);
        Assert.True(selector.Matches(Labels));
        Assert.True(selector.Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("app", "web", true)]
    [InlineData("app", "db", false)]
    [InlineData("zone", "a", false)]
    public void MatchLabelsNeedEveryPair(string key, string value, bool expected) =>
        Assert.Equal(expected, new LabelSelector { MatchLabels = new() { [key] = value, ["tier"] = "front" } }.Matches(Labels));

    [Theory]
    [InlineData("app", "In", new[] { "web", "api" }, true)]
    [InlineData("app", "In", new[] { "api" }, false)]
    [InlineData("zone", "In", new[] { "a" }, false)]
    [InlineData("app", "NotIn", new[] { "api" }, true)]
    [InlineData("app", "NotIn", new[] { "web" }, false)]
    [InlineData("zone", "NotIn", new[] { "a" }, true)]
    [InlineData("app", "Exists", new string[0], true)]
    [InlineData("zone", "Exists", new string[0], false)]
    [InlineData("zone", "DoesNotExist", new string[0], true)]
    [InlineData("app", "DoesNotExist", new string[0], false)]
    [InlineData("app", "Bogus", new[] { "web" }, false)]
    public void ExpressionsFollowKubernetesSemantics(string key, string op, string[] values, bool expected)
    {
        var selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = key, Operator = op, Values = [.. values] }] };
        Assert.Equal(expected, selector.Matches(Labels));
    }

    [Fact]
    public void LabelsAndExpressionsMustAllHold()
    {
        var selector = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions = [new LabelSelectorRequirement { Key = "tier", Operator = "In", Values = ["back"] }],
        };
        Assert.False(selector.Matches(Labels));
    }
}
