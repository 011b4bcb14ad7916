using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;
using Dragline.Ipam.Tests.Store;

namespace Dragline.Ipam.Tests.Objects;

/// <summary>apply/get/delete on a real SQLite store file.</summary>
public sealed class StoredObjectsTests : IAsyncLifetime
{
    private const string PoolA =
        """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: pool-a
        spec:
          subnet: 10.20.0.0/24
          ips:
          - 10.20.0.10-10.20.0.19
          gateway: 10.20.0.1
        """;

    private readonly TempDirectory _dir = new();
    private SqliteStore _store = null!;

    public ValueTask InitializeAsync()
    {
        _store = SqliteStore.Open(Path.Combine(_dir.Path, "state.db"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _dir.Dispose();
    }

    private StoredObjects Objects => new(_store, _store);

    private static IReadOnlyList<ManifestDocument> Read(string yaml) => ManifestReader.Default.ReadString(yaml, "test.yaml");

    [Fact]
    public async Task Apply_creates_then_reports_unchanged_then_configured()
    {
        ApplyResult created = await Objects.ApplyAsync(Read(PoolA), cancellationToken: TestContext.Current.CancellationToken);
        ApplyResult unchanged = await Objects.ApplyAsync(Read(PoolA), cancellationToken: TestContext.Current.CancellationToken);
        ApplyResult configured = await Objects.ApplyAsync(Read(PoolA + "\n  default: true\n"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["spiderippool.spiderpool.spidernet.io/pool-a created"], created.Lines);
        Assert.Equal(["spiderippool.spiderpool.spidernet.io/pool-a unchanged"], unchanged.Lines);
        Assert.Equal(["spiderippool.spiderpool.spidernet.io/pool-a configured"], configured.Lines);
        SpiderIPPool stored = Assert.IsType<SpiderIPPool>(Assert.Single(await Objects.GetAsync(ObjectKinds.Resolve("sp"), "pool-a", null, TestContext.Current.CancellationToken)));
        Assert.True(stored.Spec.Default);
        Assert.Equal(4, stored.Spec.IPVersion); // defaulted by the Api layer before it was written
        Assert.NotNull(stored.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task FailureMode15_Apply_rejects_a_gateway_inside_the_range_with_the_validators_message_and_writes_nothing()
    {
        string yaml = PoolA.Replace("gateway: 10.20.0.1", "gateway: 10.20.0.12", StringComparison.Ordinal)
            + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n";

        ApplyResult result = await Objects.ApplyAsync(Read(yaml), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Lines);
        Assert.Contains(result.Problems, p => p.FieldPath == "spec.ips" && p.Message.Contains("conflicts with 'spec.gateway' 10.20.0.12", StringComparison.Ordinal));
        Assert.Empty((await _store.ListAsync("SpiderIPPool", null, TestContext.Current.CancellationToken)).Items);
        Assert.Empty((await _store.ListAsync("Namespace", null, TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task FailureMode15_Apply_rejects_a_subnet_with_host_bits_naming_the_canonical_form()
    {
        string yaml = PoolA.Replace("subnet: 10.20.0.0/24", "subnet: 10.20.0.5/24", StringComparison.Ordinal);

        ApplyResult result = await Objects.ApplyAsync(Read(yaml), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.FieldPath == "spec.subnet" && p.Message.Contains("10.20.0.5/24", StringComparison.Ordinal)
            && p.Message.Contains("10.20.0.0/24", StringComparison.Ordinal));
        Assert.Empty((await _store.ListAsync("SpiderIPPool", null, TestContext.Current.CancellationToken)).Items);
    }

    [Theory]
    [InlineData("10.20.0.19-10.20.0.10", "10.20.0.19-10.20.0.10")] // start after end (host-local: rangeStart > rangeEnd)
    [InlineData("10.20.0.250-10.20.1.5", "not match base subnet")] // end outside the subnet (host-local: rangeEnd outside)
    [InlineData("10.21.0.10", "not match base subnet")] // start outside the subnet (host-local: rangeStart outside)
    public async Task FailureMode15_Apply_rejects_a_range_that_is_reversed_or_leaves_the_subnet_and_writes_nothing(string range, string expected)
    {
        string yaml = PoolA.Replace("10.20.0.10-10.20.0.19", range, StringComparison.Ordinal);

        ApplyResult result = await Objects.ApplyAsync(Read(yaml), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.FieldPath == "spec.ips[0]" && p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Empty((await _store.ListAsync("SpiderIPPool", null, TestContext.Current.CancellationToken)).Items);
    }

    [Fact]
    public async Task Apply_rejects_an_overlapping_pool_against_the_stored_ones()
    {
        await Objects.ApplyAsync(Read(PoolA), cancellationToken: TestContext.Current.CancellationToken);

        ApplyResult result = await Objects.ApplyAsync(Read(PoolA.Replace("pool-a", "pool-b", StringComparison.Ordinal)), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Message.Contains("overlap with IPPool pool-a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_refuses_kinds_the_store_does_not_hold()
    {
        ApplyResult result = await Objects.ApplyAsync(Read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("is not a kind the Dragline store holds", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_counts_allocations_from_the_store_records()
    {
        await Objects.ApplyAsync(Read(PoolA), cancellationToken: TestContext.Current.CancellationToken);
        await CommitAsync("pool-a", "10.20.0.10", "uid-1");
        await CommitAsync("pool-a", "10.20.0.11", "uid-2");

        SpiderIPPool pool = Assert.IsType<SpiderIPPool>(Assert.Single(await Objects.GetAsync(ObjectKinds.Resolve("ippools"), null, null, TestContext.Current.CancellationToken)));

        Assert.Equal(2, pool.Status!.AllocatedIPCount);
        Assert.Equal(10, pool.Status.TotalIPCount);
        Assert.Equal(["10.20.0.10", "10.20.0.11"], pool.Status.ParseAllocatedIPs().Keys);
        Assert.Equal("default/pod-uid-1", pool.Status.ParseAllocatedIPs()["10.20.0.10"].Pod);
    }

    [Fact]
    public async Task Deleting_a_pool_with_allocations_is_refused_and_allowed_once_they_are_released()
    {
        await Objects.ApplyAsync(Read(PoolA), cancellationToken: TestContext.Current.CancellationToken);
        AllocationOwner owner = await CommitAsync("pool-a", "10.20.0.10", "uid-1");

        DraglineException refused = await Assert.ThrowsAsync<DraglineException>(() => Objects.DeleteAsync(ObjectKinds.Resolve("spiderippool"), "pool-a", null, TestContext.Current.CancellationToken));
        Assert.Equal("cannot delete an IPPool with allocated IPs([10.20.0.10]); release them first (delete the pods, or 'dragline ipam release')", refused.Message);
        Assert.NotNull(await _store.GetAsync("SpiderIPPool", "", "pool-a", TestContext.Current.CancellationToken));

        PoolAllocations read = await _store.ReadPoolAsync("pool-a", TestContext.Current.CancellationToken);
        await _store.CommitAsync("pool-a", read.Version, [AllocationChange.Release("10.20.0.10", owner)], TestContext.Current.CancellationToken);
        string deleted = await Objects.DeleteAsync(ObjectKinds.Resolve("sp"), "pool-a", null, TestContext.Current.CancellationToken);

        Assert.Equal("spiderippool.spiderpool.spidernet.io/pool-a deleted", deleted);
        Assert.Null(await _store.GetAsync("SpiderIPPool", "", "pool-a", TestContext.Current.CancellationToken));
        DraglineException missing = await Assert.ThrowsAsync<DraglineException>(() => Objects.DeleteAsync(ObjectKinds.Resolve("sp"), "pool-a", null, TestContext.Current.CancellationToken));
        Assert.Equal(DraglineErrorReason.NotFound, missing.Reason);
    }

    [Theory]
    [InlineData("SpiderIPPool", "SpiderIPPool")]
    [InlineData("spiderippool", "SpiderIPPool")]
    [InlineData("spiderippools", "SpiderIPPool")]
    [InlineData("sp", "SpiderIPPool")]
    [InlineData("ippool", "SpiderIPPool")]
    [InlineData("ippools", "SpiderIPPool")]
    [InlineData("spiderippools.spiderpool.spidernet.io", "SpiderIPPool")]
    [InlineData("sr", "SpiderReservedIP")]
    [InlineData("reservedips", "SpiderReservedIP")]
    [InlineData("smc", "SpiderMultusConfig")]
    [InlineData("multusconfig", "SpiderMultusConfig")]
    [InlineData("ns", "Namespace")]
    [InlineData("pods", "Pod")]
    [InlineData("sriovnetworknodepolicies", "SriovNetworkNodePolicy")]
    public void Kind_names_resolve_like_kubectl(string name, string kind) =>
        Assert.Equal(kind, ObjectKinds.Resolve(name).Kind);

    [Fact]
    public void An_unknown_kind_name_lists_the_known_ones()
    {
        DraglineException ex = Assert.Throws<DraglineException>(() => ObjectKinds.Resolve("ipool"));
        Assert.Contains("doesn't have a resource type \"ipool\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("spiderippools", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespaces_and_pods_are_stored_with_their_metadata_and_keep_their_uid()
    {
        string yaml =
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: team-a
              annotations:
                ipam.spidernet.io/default-ipv4-ippool: '["pool-a"]'
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-0
              namespace: team-a
              uid: 6f1d2c3b-0000-4000-8000-000000000001
              labels:
                app: web
            """;

        ApplyResult result = await Objects.ApplyAsync(Read(yaml), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["namespace/team-a created", "pod/web-0 created"], result.Lines);
        KubeObject pod = Assert.Single(await Objects.GetAsync(ObjectKinds.Pod, "web-0", "team-a", TestContext.Current.CancellationToken));
        Assert.Equal("6f1d2c3b-0000-4000-8000-000000000001", pod.Metadata.Uid);
        Assert.Equal("web", pod.Metadata.Labels!["app"]);
        KubeObject ns = Assert.Single(await Objects.GetAsync(ObjectKinds.Namespace, null, null, TestContext.Current.CancellationToken));
        Assert.Equal("[\"pool-a\"]", ns.Metadata.Annotations!["ipam.spidernet.io/default-ipv4-ippool"]);
        Assert.False(string.IsNullOrEmpty(ns.Metadata.Uid)); // given one, as the API server would
    }

    [Fact]
    public async Task The_object_source_sees_applied_objects_and_later_changes_through_the_watch()
    {
        await Objects.ApplyAsync(Read(PoolA + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    tier: one\n"), cancellationToken: TestContext.Current.CancellationToken);
        await using var source = new StoreObjectSource(_store, retryDelay: TimeSpan.FromMilliseconds(50));
        source.Start();
        await source.WaitForSyncAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("pool-a", Assert.Single(await source.ListPoolsAsync(TestContext.Current.CancellationToken)).Metadata.Name);
        Assert.Equal("one", (await source.GetNamespaceAsync("team-a", TestContext.Current.CancellationToken))!.Labels["tier"]);

        await Objects.ApplyAsync(Read("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n    tier: two\n"), cancellationToken: TestContext.Current.CancellationToken);
        await Objects.DeleteAsync(ObjectKinds.Resolve("sp"), "pool-a", null, TestContext.Current.CancellationToken);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await source.GetNamespaceAsync("team-a", timeout.Token))!.Labels["tier"] != "two"
               || (await source.ListPoolsAsync(timeout.Token)).Count != 0)
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.Empty(await source.ListPoolsAsync(TestContext.Current.CancellationToken));
    }

    private async Task<AllocationOwner> CommitAsync(string pool, string ip, string uid)
    {
        var owner = new AllocationOwner("default", "pod-" + uid, uid, "ctr-" + uid, "eth0", "node-a");
        PoolAllocations read = await _store.ReadPoolAsync(pool, TestContext.Current.CancellationToken);
        CommitResult result = await _store.CommitAsync(pool, read.Version, [AllocationChange.Reserve(new AllocationRecord(ip, owner, DateTimeOffset.UtcNow))], TestContext.Current.CancellationToken);
        Assert.True(result.IsCommitted);
        return owner;
    }
}
