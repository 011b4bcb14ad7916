using System.CommandLine;
using Dragline.Cli.ObjectCommands;
using Dragline.Testing;

namespace Dragline.Cli.Tests;

/// <summary><c>dragline apply</c> on files that mix stored kinds with workloads, on a real SQLite store file.</summary>
public sealed class ApplyCommandTests : IDisposable
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: team-a
        """;

    private const string ClusterRole = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        """;

    private const string Pool = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: rail-1
        spec:
          subnet: 172.30.1.0/24
          ips: ["172.30.1.100-172.30.1.199"]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("dragline-apply-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store => "sqlite:" + Path.Combine(_dir, "state.db");

    private static string SeedExample
    {
        get
        {
            return RepositoryPaths.SeedExample;
        }
    }

    private (int Exit, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ApplyCommand.Build(new StringReader("")));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse([.. args, "--store", Store]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, params string[] documents)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join("\n---\n", documents) + "\n");
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void SeedFile_AppliesItsNetworksAndSkipsTheDaemonSetWithOneWarning()
    {
        (int exit, string output, string error) = Run("apply", "-f", SeedExample);

        Assert.True(exit == 0, output + error);
        // The validator's own warnings (about the SpiderMultusConfig) come too; the skipped objects are one line.
        Assert.Equal(
            "warning: skipped 1 object the store does not keep: DaemonSet/rdma-sriov (use --strict to refuse them)",
            Assert.Single(Lines(error), line => line.StartsWith("warning: skipped", StringComparison.Ordinal)));
        Assert.Equal(3, Lines(output).Length);
        Assert.All(Lines(output), line => Assert.EndsWith(" created", line, StringComparison.Ordinal));
    }

    [Fact]
    public void EverySkippedObjectIsNamedOnOneLine()
    {
        string file = Write("mixed.yaml", Deployment, Pool, ClusterRole);

        (int exit, string output, string error) = Run("apply", "-f", file);

        Assert.True(exit == 0, output + error);
        Assert.Equal(
            "warning: skipped 2 objects the store does not keep: Deployment/team-a/web, ClusterRole/reader (use --strict to refuse them)",
            Assert.Single(Lines(error)));
        Assert.Equal("spiderippool.spiderpool.spidernet.io/rail-1 created", Assert.Single(Lines(output)));
    }

    [Fact]
    public void Strict_RefusesTheWholeFileAndWritesNothing()
    {
        string file = Write("mixed.yaml", Pool, Deployment);

        (int exit, string output, string error) = Run("apply", "--strict", "-f", file);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("Deployment/team-a/web", error, StringComparison.Ordinal);
        Assert.Contains("is not a kind the Dragline store holds", error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: skipped", error, StringComparison.Ordinal);

        // Nothing was written: the pool is created, not unchanged, by the next apply.
        (int again, string created, _) = Run("apply", "-f", Write("pool.yaml", Pool));
        Assert.Equal(0, again);
        Assert.Equal("spiderippool.spiderpool.spidernet.io/rail-1 created", Assert.Single(Lines(created)));
    }

    [Fact]
    public void OnlySkippedKinds_IsAnErrorNamingWhatTheStoreKeeps()
    {
        string file = Write("workloads.yaml", Deployment);

        (int exit, string output, string error) = Run("apply", "-f", file);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        string[] lines = Lines(error);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("warning: skipped 1 object the store does not keep: Deployment/team-a/web", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"dragline apply: nothing to apply: no object in {file} is of a kind the store keeps (", lines[1], StringComparison.Ordinal);
        Assert.Contains("SpiderIPPool", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectWithoutKind_IsStillAnError()
    {
        string file = Write("nokind.yaml", "apiVersion: v1\nmetadata:\n  name: x");

        (int exit, _, string error) = Run("apply", "-f", file);

        Assert.Equal(1, exit);
        Assert.Contains("kind", error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: skipped", error, StringComparison.Ordinal);
    }
}
