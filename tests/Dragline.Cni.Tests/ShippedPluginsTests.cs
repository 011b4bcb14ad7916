using System.Text.RegularExpressions;
using Dragline.Cni.Plugins;
using Dragline.Testing;

namespace Dragline.Cni.Tests;

/// <summary>ShippedPlugins is the one list of plugins this build ships; the binary's catalog and build.sh must say the same.</summary>
public sealed partial class ShippedPluginsTests
{
    [GeneratedRegex(@"^plugins=\(([^)]*)\)", RegexOptions.Multiline)]
    private static partial Regex BuildScriptPlugins();

    private static string RepositoryFile(params string[] parts)
    {
        return RepositoryPaths.File(parts);
    }

    [Fact]
    public void BuildScriptInstallsExactlyTheShippedPlugins()
    {
        string script = File.ReadAllText(RepositoryFile("build.sh"));

        Match list = Assert.Single(BuildScriptPlugins().Matches(script));

        string[] installed = list.Groups[1].Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ShippedPlugins.Names, installed);
    }

    [Fact]
    public void CatalogServesExactlyTheShippedPlugins()
    {
        Assert.Equal(ShippedPlugins.Names, PluginCatalog.Names);
        Assert.All(ShippedPlugins.Names, name => Assert.NotNull(PluginCatalog.Create(name)));
    }

    [Fact]
    public void PlannedPluginsAreNotServedYet()
    {
        // When one is built, move it from Planned to Names (and into build.sh's list).
        Assert.All(ShippedPlugins.Planned, name => Assert.Null(PluginCatalog.Create(name)));
        Assert.Empty(ShippedPlugins.Planned.Intersect(ShippedPlugins.Names));
        Assert.All(ShippedPlugins.Names.Concat(ShippedPlugins.Planned), name => Assert.StartsWith(ShippedPlugins.Prefix, name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dragline-ipam", false)]
    [InlineData("dragline-coordinator", true)]
    [InlineData("dragline-anything", true)]
    [InlineData("macvlan", false)]
    [InlineData("coordinator", false)]
    public void MissingDraglinePlugin(string type, bool missing)
    {
        Assert.Equal(missing, ShippedPlugins.IsMissingDraglinePlugin(type));
    }
}
