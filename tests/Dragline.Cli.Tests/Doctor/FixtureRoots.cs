using Dragline.Testing;

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
        return RepositoryPaths.File("tests", "testdata", "sysfs");
    }
}
