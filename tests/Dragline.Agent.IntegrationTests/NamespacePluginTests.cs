using System.Text.Json.Nodes;

namespace Dragline.Agent.IntegrationTests;

/// <summary>
/// Debian's macvlan and bridge plugins with <c>"ipam": {"type": "dragline-ipam"}</c> against a running agent, as
/// a runtime calls them, in network namespaces the test creates (masters are a veth pair and a bridge of the test's
/// own, never the machine's uplink).
/// </summary>
public sealed class NamespacePluginTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly string _tag = Guid.NewGuid().ToString("N")[..6];
    private readonly List<string> _namespaces = [];
    private readonly List<string> _links = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (string ns in _namespaces)
        {
            await Host.RunAsync("/usr/sbin/ip", ["netns", "del", ns], check: false);
        }

        foreach (string link in _links)
        {
            await Host.RunAsync("/usr/sbin/ip", ["link", "del", link], check: false);
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task Macvlan_pods_in_two_namespaces_get_addresses_ping_each_other_and_DEL_frees_them()
    {
        Host.RequireRoot("creates network namespaces and links");
        Host.RequireReferencePlugin("macvlan");
        string cniDir = Host.DraglineCniDirectory();
        string master = $"dlm{_tag}a";
        _links.Add(master);
        await Host.Ip("link", "add", master, "type", "veth", "peer", "name", $"dlm{_tag}b");
        await Host.Ip("link", "set", master, "up");
        await Host.Ip("link", "set", $"dlm{_tag}b", "up");

        string config = $$"""
            {"cniVersion":"1.0.0","name":"macvlan-{{_tag}}","type":"macvlan","master":"{{master}}","mode":"bridge",
             "ipam":{"type":"dragline-ipam","socket":"{{_dir.File("agent.sock")}}","default_ipv4_ippool":["mv-{{_tag}}"] } }
            """;
        await RunTwoPodsAsync("macvlan", config, cniDir, $"mv-{_tag}");
    }

    [Fact]
    public async Task Bridge_pods_in_two_namespaces_get_addresses_ping_each_other_and_DEL_frees_them()
    {
        Host.RequireRoot("creates network namespaces and links");
        Host.RequireReferencePlugin("bridge");
        string cniDir = Host.DraglineCniDirectory();
        string bridge = $"dlb{_tag}";
        _links.Add(bridge);

        string config = $$"""
            {"cniVersion":"1.0.0","name":"bridge-{{_tag}}","type":"bridge","bridge":"{{bridge}}","isGateway":false,
             "ipam":{"type":"dragline-ipam","socket":"{{_dir.File("agent.sock")}}","default_ipv4_ippool":["br-{{_tag}}"] } }
            """;
        await RunTwoPodsAsync("bridge", config, cniDir, $"br-{_tag}");
    }

    private async Task RunTwoPodsAsync(string plugin, string config, string cniDir, string pool)
    {
        await using InProcessAgent agent = await InProcessAgent.StartAsync(Ipam.Store.SqliteStore.Open(_dir.File("state.db")), "node-a", _dir.File("agent.sock"));
        await InProcessAgent.ApplyAsync(agent.Store, PoolManifests.Pool(pool, "10.123.5.0/24", "10.123.5.10-10.123.5.20"));
        await agent.WaitForPoolAsync(pool);
        string cniPath = $"{Host.ReferencePlugins}:{cniDir}";
        string pluginPath = Path.Combine(Host.ReferencePlugins, plugin);

        var addresses = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            string ns = $"dlt{_tag}{i}";
            _namespaces.Add(ns);
            await Host.Ip("netns", "add", ns);
            (int code, string output, string error) = await CniRun.InvokeAsync(pluginPath, "ADD", config, $"ctr-{_tag}-{i}", "eth0", $"/var/run/netns/{ns}", cniPath,
                $"IgnoreUnknown=1;K8S_POD_NAMESPACE=team-{i};K8S_POD_NAME=pod-{i};K8S_POD_UID=uid-{_tag}-{i}");
            Assert.True(code == 0, $"{plugin} ADD failed ({code}): {output}{error}");
            string address = JsonNode.Parse(output)!["ips"]![0]!["address"]!.GetValue<string>();
            addresses.Add(address);

            // The address the agent handed out is on the pod's interface.
            (_, string shown, _) = await Host.Ip("-n", ns, "-o", "addr", "show", "dev", "eth0");
            Assert.Contains(address, shown, StringComparison.Ordinal);
        }

        Assert.Equal(2, addresses.Distinct().Count());
        Assert.All(addresses, a => Assert.StartsWith("10.123.5.", a, StringComparison.Ordinal));
        Assert.Equal(2, (await agent.Store.ReadPoolAsync(pool, TestContext.Current.CancellationToken)).Records.Count);

        string peer = addresses[1].Split('/')[0];
        (int pingCode, string pingOut, string pingErr) = await Host.RunAsync("/usr/sbin/ip", ["netns", "exec", _namespaces[0], "ping", "-c", "2", "-W", "3", peer], check: false);
        Assert.True(pingCode == 0, $"pod 0 cannot ping pod 1 at {peer}: {pingOut}{pingErr}");

        for (int i = 0; i < 2; i++)
        {
            (int code, string output, string error) = await CniRun.InvokeAsync(pluginPath, "DEL", config, $"ctr-{_tag}-{i}", "eth0", $"/var/run/netns/{_namespaces[i]}", cniPath,
                $"IgnoreUnknown=1;K8S_POD_NAMESPACE=team-{i};K8S_POD_NAME=pod-{i};K8S_POD_UID=uid-{_tag}-{i}");
            Assert.True(code == 0, $"{plugin} DEL failed ({code}): {output}{error}");
            (int showCode, _, _) = await Host.RunAsync("/usr/sbin/ip", ["-n", _namespaces[i], "link", "show", "dev", "eth0"], check: false);
            Assert.NotEqual(0, showCode); // the interface is gone
        }

        Assert.Empty((await agent.Store.ReadPoolAsync(pool, TestContext.Current.CancellationToken)).Records);
    }
}
