using Dragline.Cni.Agent;

namespace Dragline.Cni.IntegrationTests;

/// <summary><see cref="AgentClient"/> in process against <see cref="FakeAgent"/> over a real unix socket.</summary>
public sealed class AgentClientTests
{
    private static readonly FakePool V4 = new("v4-a", 4, 24, "10.6.0.1", ["10.6.0.10", "10.6.0.11"]);

    private static AgentAllocateRequest Allocate(string container = "c1") => new()
    {
        ContainerId = container,
        IfName = "eth0",
        Network = "net-a",
        DefaultIpv4Pools = ["v4-a"],
    };

    [Fact]
    public async Task Allocates_queries_and_releases_over_the_socket()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = agent.SocketPath });
        CancellationToken ct = TestContext.Current.CancellationToken;

        AgentAllocation a = await client.AllocateAsync(Allocate(), ct);
        AgentAllocation again = await client.GetAllocationAsync(new AgentAllocationQuery { ContainerId = "c1", IfName = "eth0", Network = "net-a" }, ct);
        AgentReleaseResponse released = await client.ReleaseAsync(new AgentReleaseRequest { ContainerId = "c1", IfName = "eth0", Network = "net-a" }, ct);
        AgentReleaseResponse none = await client.ReleaseAsync(new AgentReleaseRequest { ContainerId = "c1", IfName = "eth0", Network = "net-a" }, ct);

        Assert.Equal("10.6.0.10/24", Assert.Single(a.Ips).Address);
        Assert.Equal("v4-a", a.Ips[0].Pool);
        Assert.Equal("fake-node", a.NodeName);
        Assert.Equal("10.6.0.10/24", Assert.Single(again.Ips).Address);
        Assert.Equal("10.6.0.10/24", Assert.Single(released.Released).Address);
        Assert.Empty(none.Released);
        Assert.Equal(["POST", "GET", "DELETE", "DELETE"], agent.Requests.Select(r => r.Method).ToArray());
    }

    [Fact]
    public async Task A_missing_socket_is_an_unreachable_agent_with_code_11()
    {
        string missing = FakeAgent.MissingSocketPath();
        using var client = new AgentClient(new AgentClientOptions { SocketPath = missing });

        var ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Allocate(), TestContext.Current.CancellationToken));

        Assert.Equal(CniErrorCode.TryAgainLater, ex.Code);
        Assert.True(ex.IsUnreachable);
        Assert.Contains(missing, ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public async Task A_socket_file_nobody_listens_on_is_connection_refused_with_code_11()
    {
        string dir = Directory.CreateTempSubdirectory("dragline-dead-agent-").FullName;
        try
        {
            string path = Path.Combine(dir, "agent.sock");

            // Bound but never listening: the file exists and connecting is refused (a crashed agent's stale socket).
            using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            bound.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            using var client = new AgentClient(new AgentClientOptions { SocketPath = path });
            var ex = await Assert.ThrowsAsync<AgentException>(() => client.ReleaseAsync(new AgentReleaseRequest { ContainerId = "c", IfName = "eth0", Network = "n" }, TestContext.Current.CancellationToken));

            Assert.Equal(CniErrorCode.TryAgainLater, ex.Code);
            Assert.Contains("refused", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_agent_that_never_answers_times_out_with_code_11()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Hang = true;
        using var client = new AgentClient(new AgentClientOptions { SocketPath = agent.SocketPath, RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Allocate(), TestContext.Current.CancellationToken));

        Assert.Equal(CniErrorCode.TryAgainLater, ex.Code);
        Assert.True(ex.IsUnreachable);
        Assert.Contains("did not answer", ex.Message);
    }

    [Fact]
    public async Task The_agents_error_body_is_passed_through_with_its_code_and_pools()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Override = _ => new FakeAgentReply(507, """{"code":"PoolExhausted","message":"all IPv4 addresses of pools [v4-a, v4-b] are in use","pools":["v4-a","v4-b"]}""");
        using var client = new AgentClient(new AgentClientOptions { SocketPath = agent.SocketPath });

        var ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Allocate(), TestContext.Current.CancellationToken));

        Assert.Equal(CniErrorCode.PoolExhausted, ex.Code);
        Assert.Equal(AgentErrorCodes.PoolExhausted, ex.AgentCode);
        Assert.Equal(507, ex.HttpStatus);
        Assert.Equal(["v4-a", "v4-b"], ex.Pools);
        Assert.Contains("pools [v4-a, v4-b]", ex.Message);
    }

    [Fact]
    public async Task A_plain_text_error_is_reported_by_its_status_and_text()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Override = _ => new FakeAgentReply(503, "warming up", "text/plain");
        using var client = new AgentClient(new AgentClientOptions { SocketPath = agent.SocketPath });

        var ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Allocate(), TestContext.Current.CancellationToken));

        Assert.Equal(CniErrorCode.TryAgainLater, ex.Code);
        Assert.Null(ex.AgentCode);
        Assert.Contains("warming up", ex.Message);
    }

    [Fact]
    public async Task An_unreadable_success_reply_is_code_102()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Override = _ => new FakeAgentReply(200, "{\"ips\": 5}");
        using var client = new AgentClient(new AgentClientOptions { SocketPath = agent.SocketPath });

        var ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Allocate(), TestContext.Current.CancellationToken));

        Assert.Equal(CniErrorCode.AgentRejected, ex.Code);
        Assert.Contains("unreadable", ex.Message);
    }

    [Fact]
    public async Task Status_query_carries_the_network_and_every_pool_pattern()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = agent.SocketPath });

        AgentStatus status = await client.GetStatusAsync(
            new AgentStatusQuery { Network = "net a&b", DefaultIpv4Pools = ["v4-a", "rail-[12]*"], DefaultIpv6Pools = ["v6?"] },
            TestContext.Current.CancellationToken);

        Assert.True(status.Ready);
        FakeAgentRequest r = Assert.Single(agent.Requests);
        Assert.Equal(["net a&b"], r.Query["network"]);
        Assert.Equal(["v4-a", "rail-[12]*"], r.Query["defaultIPv4IPPool"]);
        Assert.Equal(["v6?"], r.Query["defaultIPv6IPPool"]);
    }

    [Fact]
    public async Task Health_and_readiness_probes()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = agent.SocketPath });
        using var nobody = new AgentClient(new AgentClientOptions { SocketPath = FakeAgent.MissingSocketPath() });
        CancellationToken ct = TestContext.Current.CancellationToken;

        Assert.True(await client.IsHealthyAsync(ct));
        Assert.True(await client.IsReadyAsync(ct));
        agent.Ready = false;
        Assert.False(await client.IsReadyAsync(ct));
        Assert.False(await nobody.IsHealthyAsync(ct));
    }
}
