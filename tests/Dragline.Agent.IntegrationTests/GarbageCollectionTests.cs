using System.Text.Json.Nodes;
using Dragline.Ipam.Store;

namespace Dragline.Agent.IntegrationTests;

/// <summary>CNI GC through the published dragline-ipam plugin against real agents on one shared SQLite file.</summary>
public sealed class GarbageCollectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FailureMode19_GC_with_no_ADD_or_DEL_in_flight_keeps_current_attachments_and_frees_only_this_networks_leaks_on_this_node()
    {
        CancellationToken token = TestContext.Current.CancellationToken;
        string cniDir = Host.DraglineCniDirectory();
        string plugin = Path.Combine(cniDir, "dragline-ipam");
        string db = _dir.File("state.db");
        await using InProcessAgent nodeA = await InProcessAgent.StartAsync(SqliteStore.Open(db), "node-a", _dir.File("a.sock"));
        await using InProcessAgent nodeB = await InProcessAgent.StartAsync(SqliteStore.Open(db), "node-b", _dir.File("b.sock"));
        await InProcessAgent.ApplyAsync(nodeA.Store, PoolManifests.Pool("gc", "10.78.0.0/24", "10.78.0.10-10.78.0.40", "10.78.0.1"));
        await nodeA.WaitForPoolAsync("gc");
        await nodeB.WaitForPoolAsync("gc");

        string Config(string network, string socket, string extra = "") => $$"""
            {"cniVersion":"1.1.0","name":"{{network}}","type":"dragline-ipam"{{extra}},
             "ipam":{"type":"dragline-ipam","socket":"{{socket}}","default_ipv4_ippool":["gc"] } }
            """;
        async Task<string> Add(string network, string socket, string container, string ifName)
        {
            (int code, string output, string error) = await CniRun.InvokeAsync(plugin, "ADD", Config(network, socket), container, ifName, "/var/run/netns/" + container, cniDir,
                $"IgnoreUnknown=1;K8S_POD_NAMESPACE=gc;K8S_POD_NAME={container};K8S_POD_UID=uid-{container}");
            Assert.True(code == 0, $"ADD {network} {container}/{ifName} failed ({code}): {output}{error}");
            return JsonNode.Parse(output)!["ips"]![0]!["address"]!.GetValue<string>().Split('/')[0];
        }

        async Task Gc(string network, string key, string attachments)
        {
            (int code, string output, string error) = await CniRun.InvokeAsync(plugin, "GC", Config(network, nodeA.SocketPath, $",\"{key}\":{attachments}"), "", "", null, cniDir);
            Assert.True(code == 0, $"GC failed ({code}): {output}{error}");
        }

        string live1 = await Add("net-a", nodeA.SocketPath, "ctr-1", "eth0");
        string live2 = await Add("net-a", nodeA.SocketPath, "ctr-2", "eth0");
        string leaked = await Add("net-a", nodeA.SocketPath, "ctr-3", "eth0");
        string otherNetwork = await Add("net-b", nodeA.SocketPath, "ctr-1", "net1");
        string otherNode = await Add("net-a", nodeB.SocketPath, "ctr-9", "eth0");
        // A record from before records carried their network: unknown network, never collected.
        var legacy = new AllocationRecord("10.78.0.40", new AllocationOwner("gc", "old", "uid-old", "ctr-old", "eth0", "node-a"), DateTimeOffset.UtcNow.AddHours(-1));
        PoolAllocations before = await nodeA.Store.ReadPoolAsync("gc", token);
        Assert.True((await nodeA.Store.CommitAsync("gc", before.Version, [AllocationChange.Reserve(legacy)], token)).IsCommitted);

        // Every attachment of net-a on node-a is listed: nothing is freed.
        await Gc("net-a", "cni.dev/valid-attachments",
            """[{"containerID":"ctr-1","ifname":"eth0"},{"containerID":"ctr-2","ifname":"eth0"},{"containerID":"ctr-3","ifname":"eth0"}]""");
        Assert.Equal(
            new[] { live1, live2, leaked, otherNetwork, otherNode, legacy.Ip }.Order(),
            (await nodeA.Store.ReadPoolAsync("gc", token)).Records.Keys.Order());

        // ctr-3 is gone from the runtime (legacy key this time): only its net-a address on node-a is freed.
        await Gc("net-a", "cni.dev/attachments", """[{"containerID":"ctr-1","ifname":"eth0"},{"containerID":"ctr-2","ifname":"eth0"}]""");
        PoolAllocations after = await nodeA.Store.ReadPoolAsync("gc", token);
        Assert.Equal(new[] { live1, live2, otherNetwork, otherNode, legacy.Ip }.Order(), after.Records.Keys.Order());
        Assert.Equal("net-a", after.Records[live1].Owner.Network);
        Assert.Equal("net-b", after.Records[otherNetwork].Owner.Network);
        Assert.Equal("", after.Records[legacy.Ip].Owner.Network);

        // An empty list for net-b frees net-b's attachment only; net-a's live ones stay.
        await Gc("net-b", "cni.dev/valid-attachments", "[]");
        Assert.Equal(new[] { live1, live2, otherNode, legacy.Ip }.Order(), (await nodeA.Store.ReadPoolAsync("gc", token)).Records.Keys.Order());
    }
}
