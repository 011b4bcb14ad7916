using Dragline.Cli.ObjectCommands;
using Dragline.Ipam.Store;

namespace Dragline.Agent.Tests;

/// <summary>The apply/get/delete commands end to end on a SQLite store file, output checked as a user sees it.</summary>
public sealed class ObjectCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Store => "sqlite:" + _dir.File("state.db");

    private static async Task<(int Code, string Out, string Err)> RunAsync(Func<TextWriter, TextWriter, Task<int>> command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await command(output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string WriteFile(string name, string text)
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Apply_get_and_delete_a_pool_with_kubectl_columns()
    {
        string file = WriteFile("pool.yaml",
            """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: rail-1
            spec:
              subnet: 172.30.1.0/24
              ips: ["172.30.1.100-172.30.1.199"]
              gateway: 172.30.1.1
            """);

        var apply = await RunAsync((o, e) => ApplyCommand.RunAsync([file], null, Store, TextReader.Null, o, e));
        Assert.Equal((0, "spiderippool.spiderpool.spidernet.io/rail-1 created\n"), (apply.Code, apply.Out));

        await using (SqliteStore store = SqliteStore.Open(_dir.File("state.db")))
        {
            var owner = new AllocationOwner("default", "p", "uid-p", "ctr", "eth0", "node-a");
            await store.CommitAsync("rail-1", StoreVersion.None, [AllocationChange.Reserve(new AllocationRecord("172.30.1.100", owner, DateTimeOffset.UtcNow))], TestContext.Current.CancellationToken);
        }

        var table = await RunAsync((o, e) => GetCommand.RunAsync("sp", null, null, null, false, Store, o, e));
        Assert.Equal(0, table.Code);
        string[] lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "VERSION", "SUBNET", "ALLOCATED-IP-COUNT", "TOTAL-IP-COUNT", "DEFAULT"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["rail-1", "4", "172.30.1.0/24", "1", "100", "false"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        var wide = await RunAsync((o, e) => GetCommand.RunAsync("ippool", "rail-1", "wide", null, false, Store, o, e));
        Assert.Contains("DISABLE", wide.Out, StringComparison.Ordinal);

        var yaml = await RunAsync((o, e) => GetCommand.RunAsync("spiderippools", "rail-1", "yaml", null, false, Store, o, e));
        Assert.Contains("allocatedIPCount: 1", yaml.Out, StringComparison.Ordinal);
        Assert.Contains("kind: SpiderIPPool", yaml.Out, StringComparison.Ordinal);

        var json = await RunAsync((o, e) => GetCommand.RunAsync("sp", null, "json", null, false, Store, o, e));
        Assert.Contains("\"kind\": \"List\"", json.Out, StringComparison.Ordinal);

        var refused = await RunAsync((o, e) => DeleteCommand.RunAsync("sp", "rail-1", null, Store, o, e));
        Assert.Equal(1, refused.Code);
        Assert.Contains("cannot delete an IPPool with allocated IPs([172.30.1.100])", refused.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_an_invalid_manifest_exits_1_with_the_validators_messages()
    {
        string file = WriteFile("bad.yaml",
            """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: bad
            spec:
              subnet: 172.30.1.0/24
              ips: ["172.30.1.1-172.30.1.10"]
              gateway: 172.30.1.1
            """);

        var result = await RunAsync((o, e) => ApplyCommand.RunAsync([file], null, Store, TextReader.Null, o, e));

        Assert.Equal(1, result.Code);
        Assert.Equal("", result.Out);
        Assert.Contains("SpiderIPPool/bad: spec.ips: conflicts with 'spec.gateway' 172.30.1.1", result.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Err, StringComparison.Ordinal);
        var get = await RunAsync((o, e) => GetCommand.RunAsync("sp", null, null, null, false, Store, o, e));
        Assert.Equal("No resources found\n", get.Err);
    }

    [Fact]
    public async Task Bad_store_and_kind_arguments_are_clear_errors()
    {
        var badStore = await RunAsync((o, e) => GetCommand.RunAsync("sp", null, null, null, false, "mysql://x", o, e));
        var badKind = await RunAsync((o, e) => GetCommand.RunAsync("ipools", null, null, null, false, Store, o, e));
        var missing = await RunAsync((o, e) => DeleteCommand.RunAsync("sp", "nope", null, Store, o, e));

        Assert.Equal(1, badStore.Code);
        Assert.Contains("store type 'mysql' is not known", badStore.Err, StringComparison.Ordinal);
        Assert.Equal(1, badKind.Code);
        Assert.Contains("doesn't have a resource type \"ipools\"", badKind.Err, StringComparison.Ordinal);
        Assert.Equal(1, missing.Code);
        Assert.Equal("Error from server (NotFound): spiderippools.spiderpool.spidernet.io \"nope\" not found\n", missing.Err);
    }

    [Fact]
    public async Task Pods_listed_across_namespaces_get_a_namespace_column()
    {
        string file = WriteFile("pods.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: ns1\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  namespace: ns2\n");
        await RunAsync((o, e) => ApplyCommand.RunAsync([file], null, Store, TextReader.Null, o, e));

        var all = await RunAsync((o, e) => GetCommand.RunAsync("pods", null, null, null, true, Store, o, e));
        var one = await RunAsync((o, e) => GetCommand.RunAsync("po", null, null, "ns2", false, Store, o, e));

        Assert.StartsWith("NAMESPACE", all.Out, StringComparison.Ordinal);
        Assert.Equal(3, all.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2, one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("b", one.Out.Split('\n')[1], StringComparison.Ordinal);
    }
}
