using System.Text.Json.Nodes;
using Dragline.Ipam.Store;

namespace Dragline.Agent.IntegrationTests;

/// <summary>The published dragline-ipam plugin, many at once, against one in-process agent on SQLite.</summary>
public sealed class BurstAndExhaustionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FailureModes1_and_12_two_hundred_parallel_ADDs_fill_a_pool_of_two_hundred_then_the_next_is_exhausted_until_one_is_freed()
    {
        string cniDir = Host.DraglineCniDirectory();
        string plugin = Path.Combine(cniDir, "dragline-ipam");
        await using InProcessAgent agent = await InProcessAgent.StartAsync(SqliteStore.Open(_dir.File("state.db")), "node-a", _dir.File("agent.sock"));
        await InProcessAgent.ApplyAsync(agent.Store, PoolManifests.Pool("burst", "10.77.0.0/24", "10.77.0.1-10.77.0.200", "10.77.0.254"));
        await agent.WaitForPoolAsync("burst");
        string config = $$"""
            {"cniVersion":"1.0.0","name":"burst-net","type":"dragline-ipam",
             "ipam":{"type":"dragline-ipam","socket":"{{agent.SocketPath}}","default_ipv4_ippool":["burst"] } }
            """;
        Task<(int Code, string Out, string Err)> Add(int i) => CniRun.InvokeAsync(plugin, "ADD", config, $"ctr-{i:D4}", "eth0", $"/var/run/netns/none-{i}", cniDir,
            $"IgnoreUnknown=1;K8S_POD_NAMESPACE=burst;K8S_POD_NAME=pod-{i};K8S_POD_UID=uid-{i:D4}");

        (int Code, string Out, string Err)[] results = await Task.WhenAll(Enumerable.Range(0, 200).Select(Add));

        Assert.All(results, r => Assert.True(r.Code == 0, $"ADD failed ({r.Code}): {r.Out}{r.Err}"));
        string[] addresses = [.. results.Select(r => JsonNode.Parse(r.Out)!["ips"]![0]!["address"]!.GetValue<string>())];
        Assert.Equal(200, addresses.Distinct().Count());
        PoolAllocations records = await agent.Store.ReadPoolAsync("burst", TestContext.Current.CancellationToken);
        Assert.Equal(200, records.Records.Count);
        Assert.Equal(200, records.Records.Values.Select(r => r.Owner.IdentityKey).Distinct().Count());

        (int code, string output, string error) = await Add(200);
        Assert.NotEqual(0, code);
        Assert.Equal(100, JsonNode.Parse(output)!["code"]!.GetValue<int>()); // CNI: no addresses left
        Assert.Contains("burst", output + error, StringComparison.Ordinal);

        (int delCode, _, string delErr) = await CniRun.InvokeAsync(plugin, "DEL", config, "ctr-0007", "eth0", "/var/run/netns/none-7", cniDir,
            "IgnoreUnknown=1;K8S_POD_NAMESPACE=burst;K8S_POD_NAME=pod-7;K8S_POD_UID=uid-0007");
        Assert.True(delCode == 0, delErr);
        (int retryCode, string retryOut, string retryErr) = await Add(200);
        Assert.True(retryCode == 0, $"after a DEL the pending pod must get the freed address: {retryOut}{retryErr}");
        Assert.Equal(addresses[7], JsonNode.Parse(retryOut)!["ips"]![0]!["address"]!.GetValue<string>());
    }
}
