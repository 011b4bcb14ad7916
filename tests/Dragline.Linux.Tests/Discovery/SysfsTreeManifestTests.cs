using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery;

public sealed class SysfsTreeManifestTests
{
    public static TheoryData<string> Scenarios() => new(SysfsFixtures.All);

    [Fact]
    public void EveryEntryKindIsRead()
    {
        SysfsTreeManifest manifest = SysfsTreeManifest.Parse("""
            # comment
            [sys/a]
            value = 0x15b3
            target -> ../b = c
            text = a -> b
            empty =
            sub/
            limits <<EOF
            line one  
            line two
            EOF
            """);
        Assert.Equal(
            [
                "Folder sys/a ",
                "File sys/a/value 0x15b3\n",
                "Link sys/a/target ../b = c",
                "File sys/a/text a -> b\n",
                "File sys/a/empty \n",
                "Folder sys/a/sub ",
                "File sys/a/limits line one  \nline two\n",
            ],
            manifest.Entries.Select(e => $"{e.Kind} {e.Path} {e.Content}"));
    }

    [Fact]
    public void BadLineNamesItsNumber()
    {
        FormatException e = Assert.Throws<FormatException>(() => SysfsTreeManifest.Parse("[sys]\nok = 1\nwhat is this\n", "x.tree"));
        Assert.Contains("x.tree:3", e.Message, StringComparison.Ordinal);
        Assert.Contains("what is this", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedHeredocIsAnError()
    {
        FormatException e = Assert.Throws<FormatException>(() => SysfsTreeManifest.Parse("[proc]\nmodules <<EOF\nib_core 1 0 - Live 0x0\n", "y.tree"));
        Assert.Contains("modules", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The committed folders (used by <c>dragline doctor --root</c> and the docs) must be exactly their manifests.</summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public void CommittedTreeMatchesItsManifest(string scenario)
    {
        string committed = SysfsFixtures.CommittedTree(scenario);
        Assert.True(Directory.Exists(committed), $"{committed} is missing: run tests/testdata/sysfs/build.sh {scenario}");
        using TemporaryTree fresh = SysfsFixtures.Materialise(scenario);
        Assert.Equal(Describe(fresh.Path), Describe(committed));
    }

    private static string[] Describe(string root)
    {
        var lines = new List<string>();
        void Walk(string dir)
        {
            foreach (string path in Directory.GetFileSystemEntries(dir).Order(StringComparer.Ordinal))
            {
                string relative = Path.GetRelativePath(root, path);
                var info = new FileInfo(path);
                if (info.LinkTarget is { } target)
                {
                    lines.Add($"link {relative} -> {target}");
                }
                else if (Directory.Exists(path))
                {
                    lines.Add($"dir {relative}");
                    Walk(path);
                }
                else
                {
                    lines.Add($"file {relative} = {File.ReadAllText(path).ReplaceLineEndings("\\n")}");
                }
            }
        }

        Walk(root);
        return [.. lines];
    }
}
