using Dragline.Api.Model;
using Dragline.Api.Multus;
using Dragline.Api.Rendering;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using Dragline.Testing;

namespace Dragline.Api.Tests.Rendering;

/// <summary>Finds the golden folders and runs the read → default/validate → render → YAML pipeline the CLI runs.</summary>
internal static class RenderTestData
{
    public static string RenderRoot { get; } = Path.Combine(RepositoryRoot(), "tests", "Dragline.Api.Tests", "testdata", "render");

    public static string RepositoryRoot()
    {
        return RepositoryPaths.Root;
    }

    /// <summary>Reads, defaults and validates a manifest text; returns the problems and the SpiderMultusConfigs.</summary>
    public static (IReadOnlyList<ValidationProblem> Problems, List<SpiderMultusConfig> Configs) Load(string yaml, string name = "input.yaml")
    {
        IReadOnlyList<ManifestDocument> documents = ManifestReader.Default.ReadString(yaml, name);
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(documents);
        return (problems, documents.Select(d => d.Object).OfType<SpiderMultusConfig>().ToList());
    }

    public static SpiderMultusConfig LoadValid(string yaml)
    {
        (IReadOnlyList<ValidationProblem> problems, List<SpiderMultusConfig> configs) = Load(yaml);
        Assert.DoesNotContain(problems, p => p.Severity == ValidationSeverity.Error);
        return Assert.Single(configs);
    }

    public static string RenderYaml(IEnumerable<SpiderMultusConfig> configs, PluginNames names)
    {
        var renderer = new NetworkAttachmentRenderer(names);
        return ManifestWriter.Default.ToYaml(configs.Select(c => (KubeObject)renderer.Render(c)));
    }

    public static string RenderConfig(string yaml, PluginNames? names = null) =>
        new NetworkAttachmentRenderer(names).Render(LoadValid(yaml)).Spec.Config!;
}
