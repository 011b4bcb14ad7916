using Dragline.Api.Multus;
using Dragline.Api.Rendering;
using Dragline.Api.Validation;

namespace Dragline.Api.Tests.Rendering;

/// <summary>
/// Every folder of <c>testdata/render</c>: <c>input.yaml</c> (SpiderMultusConfigs) must render to
/// <c>expected.yaml</c> (NetworkAttachmentDefinitions). Optional files: <c>plugin-names.txt</c> (a preset
/// name), <c>problems.txt</c> (the exact warnings validation must print; without it there must be none).
/// Set DRAGLINE_UPDATE_GOLDEN=1 to rewrite the expected files: each test then fails, saying it rewrote its file
/// (<see cref="GoldenFile"/>); review the diff by hand and run again without it.
/// </summary>
public sealed class RenderGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(RenderTestData.RenderRoot).Order(StringComparer.Ordinal))
        {
            cases.Add(Path.GetFileName(dir));
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersAsExpected(string name)
    {
        string dir = Path.Combine(RenderTestData.RenderRoot, name);
        string input = File.ReadAllText(Path.Combine(dir, "input.yaml"));
        string namesFile = Path.Combine(dir, "plugin-names.txt");
        PluginNames names = File.Exists(namesFile)
            ? PluginNames.FromPreset(File.ReadAllText(namesFile).Trim()) ?? throw new InvalidOperationException($"unknown preset in {namesFile}")
            : PluginNames.Dragline;

        (IReadOnlyList<ValidationProblem> problems, List<SpiderMultusConfig> configs) = RenderTestData.Load(input);
        string problemsFile = Path.Combine(dir, "problems.txt");
        string[] expectedProblems = File.Exists(problemsFile)
            ? File.ReadAllLines(problemsFile).Where(l => l.Length > 0).ToArray()
            : [];
        Assert.Equal(expectedProblems, problems.Select(p => p.ToString()).ToArray());
        Assert.NotEmpty(configs);

        string actual = RenderTestData.RenderYaml(configs, names);
        GoldenFile.AssertMatches(Path.Combine(dir, "expected.yaml"), actual);
    }

    [Fact]
    public void EveryCniTypeHasAGoldenCase()
    {
        var covered = new HashSet<string>();
        foreach (string dir in Directory.GetDirectories(RenderTestData.RenderRoot))
        {
            (_, List<SpiderMultusConfig> configs) = RenderTestData.Load(File.ReadAllText(Path.Combine(dir, "input.yaml")));
            covered.UnionWith(configs.Select(c => c.Spec.CniType!));
        }

        Assert.Equal(CniTypes.All.Order(StringComparer.Ordinal), covered.Order(StringComparer.Ordinal));
    }
}
