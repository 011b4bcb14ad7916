namespace Dragline.Api.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dragline.slnx")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no Dragline.slnx above {AppContext.BaseDirectory}");
        }
    }

    public static string SeedExample => Path.Combine(Root, "examples", "seed", "ib-sriov.yaml");
}
