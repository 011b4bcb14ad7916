namespace Dragline.Testing;

/// <summary>
/// Files of the repository, found from a test's output folder: the first folder above it that holds
/// <c>Dragline.slnx</c> is the repository root. Every test project that reads a committed file (fixtures,
/// examples, scripts, published artifacts) goes through here.
/// </summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>The seed's own manifests, <c>examples/seed/ib-sriov.yaml</c>.</summary>
    public static string SeedExample => File("examples", "seed", "ib-sriov.yaml");

    /// <summary>A path under the repository root.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Dragline.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Dragline.slnx above {AppContext.BaseDirectory}: run the tests from a build of the repository");
    }
}
