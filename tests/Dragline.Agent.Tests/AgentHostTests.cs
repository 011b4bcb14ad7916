using System.Net;
using System.Net.Sockets;
using System.Text;
using Dragline.Cni;
using Dragline.Cni.Agent;

namespace Dragline.Agent.Tests;

/// <summary>The agent host over a real unix socket, driven by the CNI side's own <see cref="AgentClient"/>.</summary>
public sealed class AgentHostTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private AgentOptions Options(string? socket = null, IPEndPoint? metrics = null) => new()
    {
        NodeName = "node-a",
        SocketPath = socket ?? _dir.File("run/agent.sock"),
        MetricsEndpoint = metrics,
        DrainTimeout = TimeSpan.FromSeconds(20),
    };

    private static AgentAllocateRequest Add(string container, string ifName = "eth0") => new()
    {
        ContainerId = container,
        IfName = ifName,
        Network = "macvlan-a",
        NetNamespace = "/var/run/netns/x",
        PodNamespace = "default",
        PodName = "pod-" + container,
        PodUid = "uid-" + container,
    };

    [Fact]
    public async Task Allocate_release_and_query_round_trip_through_the_protocol_client()
    {
        var service = new ScriptedIpamService("10.9.0.10/24", "10.9.0.11/24");
        await using AgentHost host = await AgentHost.StartAsync(Options(), service, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = host.Options.SocketPath });

        AgentAllocation first = await client.AllocateAsync(Add("c1"), TestContext.Current.CancellationToken);
        AgentAllocation again = await client.AllocateAsync(Add("c1"), TestContext.Current.CancellationToken);
        AgentAllocation second = await client.AllocateAsync(Add("c2"), TestContext.Current.CancellationToken);

        Assert.Equal("10.9.0.10/24", Assert.Single(first.Ips).Address);
        Assert.Equal("10.9.0.10/24", Assert.Single(again.Ips).Address);
        Assert.Equal("10.9.0.11/24", Assert.Single(second.Ips).Address);
        Assert.Equal("0.0.0.0/0", Assert.Single(first.Routes!).Dst);

        AgentAllocation found = await client.GetAllocationAsync(new AgentAllocationQuery { ContainerId = "c2", IfName = "eth0", Network = "macvlan-a" }, TestContext.Current.CancellationToken);
        Assert.Equal("10.9.0.11/24", Assert.Single(found.Ips).Address);

        AgentReleaseResponse released = await client.ReleaseAsync(new AgentReleaseRequest { ContainerId = "c1", IfName = "eth0", Network = "macvlan-a" }, TestContext.Current.CancellationToken);
        Assert.Equal("10.9.0.10/24", Assert.Single(released.Released).Address);

        // Failure mode 4 (ipam-peers.md): a repeated DEL, and a DEL of an unknown container, succeed with nothing released.
        AgentReleaseResponse repeated = await client.ReleaseAsync(new AgentReleaseRequest { ContainerId = "c1", IfName = "eth0", Network = "macvlan-a" }, TestContext.Current.CancellationToken);
        AgentReleaseResponse unknown = await client.ReleaseAsync(new AgentReleaseRequest { ContainerId = "never", IfName = "eth0", Network = "macvlan-a" }, TestContext.Current.CancellationToken);
        Assert.Empty(repeated.Released);
        Assert.Empty(unknown.Released);

        AgentException missing = await Assert.ThrowsAsync<AgentException>(() => client.GetAllocationAsync(new AgentAllocationQuery { ContainerId = "c1", IfName = "eth0", Network = "macvlan-a" }, TestContext.Current.CancellationToken));
        Assert.Equal(AgentErrorCodes.NotFound, missing.AgentCode);
        Assert.Equal(404, missing.HttpStatus);
    }

    [Fact]
    public async Task Socket_is_mode_0600_in_a_directory_created_0700_and_removed_on_stop()
    {
        string socket = _dir.File("made/by/agent/agent.sock");
        AgentHost host = await AgentHost.StartAsync(Options(socket), new ScriptedIpamService(), cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(socket)!));
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.False(File.Exists(socket));
    }

    [Fact]
    public async Task Exhaustion_maps_to_cni_code_100_and_names_the_pools()
    {
        var service = new ScriptedIpamService("10.9.0.10/24");
        await using AgentHost host = await AgentHost.StartAsync(Options(), service, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = host.Options.SocketPath });
        await client.AllocateAsync(Add("c1"), TestContext.Current.CancellationToken);

        AgentException ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Add("c2"), TestContext.Current.CancellationToken));

        Assert.Equal(CniErrorCode.PoolExhausted, ex.Code);
        Assert.Equal(507, ex.HttpStatus);
        Assert.Equal(["scripted"], ex.Pools);
        Assert.Contains("exhausted", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Metrics.RequestCount("POST /v1/ipam/ip", AgentErrorCodes.PoolExhausted));
    }

    [Fact]
    public async Task Store_errors_map_by_reason()
    {
        var service = new ScriptedIpamService("10.9.0.10/24") { FailWith = new Core.DraglineException(Core.DraglineErrorReason.Unavailable, "etcd is unreachable") };
        await using AgentHost host = await AgentHost.StartAsync(Options(), service, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = host.Options.SocketPath });

        AgentException ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Add("c1"), TestContext.Current.CancellationToken));

        Assert.Equal(CniErrorCode.TryAgainLater, ex.Code);
        Assert.Equal(AgentErrorCodes.Unavailable, ex.AgentCode);
        Assert.Contains("etcd is unreachable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_and_incomplete_requests_are_400_invalid_request()
    {
        await using AgentHost host = await AgentHost.StartAsync(Options(), new ScriptedIpamService("10.9.0.10/24"), cancellationToken: TestContext.Current.CancellationToken);
        using HttpClient http = UnixHttp.Client(host.Options.SocketPath);

        using HttpResponseMessage broken = await http.PostAsync(AgentPaths.Ip, new StringContent("{\"containerID\": ", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using HttpResponseMessage empty = await http.PostAsync(AgentPaths.Ip, new StringContent("""{"containerID":"","ifName":"eth0","network":"n"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using HttpResponseMessage wrongMethod = await http.PutAsync(AgentPaths.Ip, new StringContent("{}"), TestContext.Current.CancellationToken);
        using HttpResponseMessage nowhere = await http.GetAsync("/v1/nothing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("\"code\":\"InvalidRequest\"", await broken.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        AgentErrorResponse emptyError = System.Text.Json.JsonSerializer.Deserialize(await empty.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), AgentJsonContext.Default.AgentErrorResponse)!;
        Assert.Equal(AgentErrorCodes.InvalidRequest, emptyError.Code);
        Assert.Equal("'containerID' is required and must not be empty", emptyError.Message);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
    }

    [Fact]
    public async Task Readiness_follows_the_service_and_requests_wait_for_it()
    {
        var service = new ScriptedIpamService("10.9.0.10/24") { IsReady = false };
        await using AgentHost host = await AgentHost.StartAsync(Options(), service, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = host.Options.SocketPath });

        Assert.True(await client.IsHealthyAsync(TestContext.Current.CancellationToken));
        Assert.False(await client.IsReadyAsync(TestContext.Current.CancellationToken));
        AgentStatus notReady = await client.GetStatusAsync(new AgentStatusQuery { Network = "macvlan-a" }, TestContext.Current.CancellationToken);
        Assert.False(notReady.Ready);
        Assert.False(notReady.CanAllocate);
        AgentException ex = await Assert.ThrowsAsync<AgentException>(() => client.AllocateAsync(Add("c1"), TestContext.Current.CancellationToken));
        Assert.Equal(CniErrorCode.TryAgainLater, ex.Code);

        service.IsReady = true;
        Assert.True(await client.IsReadyAsync(TestContext.Current.CancellationToken));
        AgentStatus ready = await client.GetStatusAsync(new AgentStatusQuery { Network = "macvlan-a", DefaultIpv4Pools = ["scripted"] }, TestContext.Current.CancellationToken);
        Assert.True(ready.Ready);
        Assert.True(ready.CanAllocate);
        Assert.Equal("node-a", ready.NodeName);
        Assert.Equal(1, Assert.Single(ready.Pools!).Free);
    }

    [Fact]
    public async Task Stop_drains_an_allocation_in_flight_and_refuses_new_connections()
    {
        var service = new ScriptedIpamService("10.9.0.10/24") { HoldAllocations = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        AgentHost host = await AgentHost.StartAsync(Options(), service, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = host.Options.SocketPath, RequestTimeout = TimeSpan.FromSeconds(30) });

        Task<AgentAllocation> inFlight = client.AllocateAsync(Add("c1"), TestContext.Current.CancellationToken);
        await service.AllocationStarted.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Task stopping = host.StopAsync();

        // The listener closes at once: a new client cannot connect while the old request is still held.
        await WaitUntilAsync(() => !File.Exists(host.Options.SocketPath) || !CanConnect(host.Options.SocketPath));
        Assert.False(stopping.IsCompleted);
        Assert.False(inFlight.IsCompleted);

        service.HoldAllocations.SetResult();
        AgentAllocation answered = await inFlight.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await stopping.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal("10.9.0.10/24", Assert.Single(answered.Ips).Address);
        Assert.Equal(1, service.Committed);
        Assert.Equal(0, host.InFlight);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_stale_socket_file_is_replaced_and_a_live_one_is_refused()
    {
        string socket = _dir.File("stale.sock");
        using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // Bound, never listening: what a killed agent leaves. Moved away before the dispose, which unlinks the bound path.
            string bound = _dir.File("bound.sock");
            dead.Bind(new UnixDomainSocketEndPoint(bound));
            File.Move(bound, socket);
        }

        Assert.True(File.Exists(socket));
        await using AgentHost host = await AgentHost.StartAsync(Options(socket), new ScriptedIpamService(), cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = socket });
        Assert.True(await client.IsHealthyAsync(TestContext.Current.CancellationToken));

        Core.DraglineException ex = await Assert.ThrowsAsync<Core.DraglineException>(() => AgentHost.StartAsync(Options(socket), new ScriptedIpamService(), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("already serves the agent socket", ex.Message, StringComparison.Ordinal);
        Assert.True(await client.IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Metrics_on_loopback_tcp_expose_latency_outcomes_and_pool_counts_but_not_the_ipam_api()
    {
        var service = new ScriptedIpamService("10.9.0.10/24", "10.9.0.11/24", "10.9.0.12/24");
        await using AgentHost host = await AgentHost.StartAsync(Options(metrics: new IPEndPoint(IPAddress.Loopback, 0)), service, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = host.Options.SocketPath });
        await client.AllocateAsync(Add("c1"), TestContext.Current.CancellationToken);
        await client.AllocateAsync(Add("c2"), TestContext.Current.CancellationToken);
        await client.ReleaseAsync(new AgentReleaseRequest { ContainerId = "c2", IfName = "eth0", Network = "macvlan-a" }, TestContext.Current.CancellationToken);
        host.Metrics.BatchSize.Observe(2);
        host.Metrics.CountConflicts(3);

        Assert.NotNull(host.MetricsEndpoint);
        Assert.Equal(IPAddress.Loopback, host.MetricsEndpoint.Address);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{host.MetricsEndpoint}") };
        string text = await http.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        using HttpResponseMessage api = await http.PostAsync(AgentPaths.Ip, new StringContent("{}"), TestContext.Current.CancellationToken);
        using HttpResponseMessage ready = await http.GetAsync(AgentPaths.Readyz, TestContext.Current.CancellationToken);

        Assert.Contains("dragline_ipam_allocation_duration_seconds_count 2\n", text, StringComparison.Ordinal);
        Assert.Contains("dragline_ipam_release_duration_seconds_count 1\n", text, StringComparison.Ordinal);
        Assert.Contains("dragline_ipam_requests_total{endpoint=\"POST /v1/ipam/ip\",outcome=\"ok\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("dragline_ipam_commit_batch_size_bucket{le=\"2\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("dragline_ipam_conflicts_total 3\n", text, StringComparison.Ordinal);
        Assert.Contains("dragline_ipam_pool_total_ips{pool=\"scripted\",ip_version=\"4\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("dragline_ipam_pool_allocated_ips{pool=\"scripted\",ip_version=\"4\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("dragline_agent_ready 1\n", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(2, service.Committed); // the TCP POST never reached the service
    }

    [Fact]
    public async Task Concurrent_requests_are_all_answered_with_distinct_addresses()
    {
        string[] addresses = [.. Enumerable.Range(10, 64).Select(i => $"10.9.0.{i}/24")];
        var service = new ScriptedIpamService(addresses);
        await using AgentHost host = await AgentHost.StartAsync(Options(), service, cancellationToken: TestContext.Current.CancellationToken);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = host.Options.SocketPath });

        AgentAllocation[] all = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => client.AllocateAsync(Add($"c{i}"), TestContext.Current.CancellationToken)));

        Assert.Equal(64, all.Select(a => Assert.Single(a.Ips).Address).Distinct().Count());
    }

    private static bool CanConnect(string socketPath)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
