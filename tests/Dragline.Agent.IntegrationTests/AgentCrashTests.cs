using System.Text.Json.Nodes;
using Dragline.Cni.Agent;
using Dragline.Ipam.Store;
using Dragline.Testing;

namespace Dragline.Agent.IntegrationTests;

/// <summary>The node daemon as a process: killed between the store commit and the reply, and <c>dragline agent</c> stopped with SIGTERM.</summary>
public sealed class AgentCrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string StoreUri => "sqlite:" + _dir.File("state.db");

    [Fact]
    public async Task FailureMode10_agent_SIGKILLed_after_the_commit_the_retried_ADD_gets_the_same_address_and_its_DEL_frees_it()
    {
        string cniDir = Host.DraglineCniDirectory();
        string plugin = Path.Combine(cniDir, "dragline-ipam");
        await using (SqliteStore store = SqliteStore.Open(_dir.File("state.db")))
        {
            await InProcessAgent.ApplyAsync(store, PoolManifests.Pool("crash", "10.88.0.0/24", "10.88.0.10-10.88.0.20"));
        }

        string socket = _dir.File("agent.sock");
        string config = $$"""
            {"cniVersion":"1.0.0","name":"crash-net","type":"dragline-ipam",
             "ipam":{"type":"dragline-ipam","socket":"{{socket}}","default_ipv4_ippool":["crash"] } }
            """;
        const string args = "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=victim;K8S_POD_UID=uid-victim";

        // The crash comes from the store decorator of the test host (CrashAfterCommitStore), not from the product.
        using (AgentProcess doomed = await AgentProcess.StartCrashingAfterCommitAsync("node-a", _dir.File("state.db"), socket))
        {
            (int code, string output, _) = await CniRun.InvokeAsync(plugin, "ADD", config, "ctr-victim", "eth0", "/var/run/netns/victim", cniDir, args);
            Assert.NotEqual(0, code);
            Assert.Equal(11, JsonNode.Parse(output)!["code"]!.GetValue<int>()); // try again later
            Assert.Equal(137, await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30))); // 128 + SIGKILL
            Assert.Contains(CrashAfterCommitStore.CrashMessage, doomed.Log, StringComparison.Ordinal);
        }

        string committed;
        await using (SqliteStore store = SqliteStore.Open(_dir.File("state.db")))
        {
            committed = Assert.Single((await store.ReadPoolAsync("crash", TestContext.Current.CancellationToken)).Records).Key;
        }

        using AgentProcess restarted = await AgentProcess.StartAsync("node-a", StoreUri, socket);
        (int retryCode, string retryOut, string retryErr) = await CniRun.InvokeAsync(plugin, "ADD", config, "ctr-victim", "eth0", "/var/run/netns/victim", cniDir, args);
        Assert.True(retryCode == 0, retryOut + retryErr);
        Assert.Equal(committed + "/24", JsonNode.Parse(retryOut)!["ips"]![0]!["address"]!.GetValue<string>());

        (int delCode, _, string delErr) = await CniRun.InvokeAsync(plugin, "DEL", config, "ctr-victim", "eth0", "/var/run/netns/victim", cniDir, args);
        Assert.True(delCode == 0, delErr);
        await restarted.TerminateAsync();
        Assert.Equal(0, await restarted.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await using (SqliteStore store = SqliteStore.Open(_dir.File("state.db")))
        {
            Assert.Empty((await store.ReadPoolAsync("crash", TestContext.Current.CancellationToken)).Records);
        }
    }

    [Fact]
    public async Task SIGTERM_drains_and_exits_zero_and_removes_the_socket()
    {
        await using (SqliteStore store = SqliteStore.Open(_dir.File("state.db")))
        {
            await InProcessAgent.ApplyAsync(store, PoolManifests.Pool("term", "10.89.0.0/24", "10.89.0.10-10.89.0.20"));
        }

        string socket = _dir.File("run/agent.sock");
        using AgentProcess agent = await AgentProcess.StartAsync("node-a", StoreUri, socket);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = socket });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        AgentAllocation allocation = await client.AllocateAsync(new AgentAllocateRequest
        {
            ContainerId = "c1",
            IfName = "eth0",
            Network = "n",
            DefaultIpv4Pools = ["term"],
        }, TestContext.Current.CancellationToken);
        Assert.StartsWith("10.89.0.", Assert.Single(allocation.Ips).Address, StringComparison.Ordinal);

        await agent.TerminateAsync();

        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(File.Exists(socket));

        // docs/agent.md: every log line goes to standard error, standard output stays empty.
        Assert.Contains("listening on " + socket, agent.Log, StringComparison.Ordinal);
        Assert.Contains("stopped", agent.Log, StringComparison.Ordinal);
        Assert.Equal("", agent.StandardOutput);
    }
}
