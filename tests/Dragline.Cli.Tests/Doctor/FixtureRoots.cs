namespace Dragline.Cli.Tests.Doctor;

/// <summary>The committed sysfs fixture trees (<c>tests/testdata/sysfs/SCENARIO</c>; their manifests are checked by Dragline.Linux.Tests).</summary>
public static class FixtureRoots
{
    private static readonly string Folder = FindFolder();

    public static string Of(string scenario)
    {
        string path = Path.Combine(Folder, scenario);
        Assert.True(Directory.Exists(path), $"{path} is missing: run tests/testdata/sysfs/build.sh {scenario}");
        return path;
    }

    private static string FindFolder()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dragline.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "testdata", "sysfs");
            }
        }

        throw new InvalidOperationException($"No Dragline.slnx above {AppContext.BaseDirectory}.");
    }
}
