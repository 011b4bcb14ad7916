namespace Dragline.Testing.Sysfs;

/// <summary>Finds the fixture manifests and committed trees of <c>tests/testdata/sysfs</c>.</summary>
public static class SysfsFixtures
{
    public const string SeedHost = "seed-host";
    public const string SeedHost12Vfs = "seed-host-12vfs";
    public const string RoceHost = "roce-host";
    public const string AiNode = "ai-node";
    public const string NoRdmaHost = "no-rdma-host";

    public static readonly string[] All = [SeedHost, SeedHost12Vfs, RoceHost, AiNode, NoRdmaHost];

    /// <summary><c>tests/testdata/sysfs</c> of the repository the tests were built from.</summary>
    public static string Folder { get; } = FindFolder();

    public static string ManifestPath(string scenario) => Path.Combine(Folder, scenario + ".tree");

    /// <summary>The committed, materialised tree of a scenario.</summary>
    public static string CommittedTree(string scenario) => Path.Combine(Folder, scenario);

    /// <summary>A file of the repository (the folder with Dragline.slnx), e.g. <c>RepositoryFile("examples", "seed", "ib-sriov.yaml")</c>.</summary>
    public static string RepositoryFile(params string[] parts) => Path.GetFullPath(Path.Combine([Folder, "..", "..", "..", .. parts]));

    /// <summary>Builds a scenario from its manifest into a fresh temporary folder.</summary>
    public static TemporaryTree Materialise(string scenario)
    {
        var tree = new TemporaryTree();
        SysfsTreeManifest.Load(ManifestPath(scenario)).Materialise(tree.Path);
        return tree;
    }

    private static string FindFolder()
    {
        return RepositoryPaths.File("tests", "testdata", "sysfs");
    }
}
