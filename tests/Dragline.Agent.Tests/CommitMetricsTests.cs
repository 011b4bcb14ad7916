using Dragline.Agent.Metrics;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Ipam;
using Dragline.Ipam.Store;
using Dragline.Testing.Ipam;

namespace Dragline.Agent.Tests;

/// <summary>The engine's group commit feeds the agent's batch-size histogram and conflict counter.</summary>
public sealed class CommitMetricsTests
{
    private static SpiderIPPool Pool() => new()
    {
        Metadata = new ObjectMeta { Name = "v4" },
        Spec = new IPPoolSpec { IPVersion = 4, Subnet = "10.9.0.0/24", IPs = ["10.9.0.10-10.9.0.200"] },
    };

    private static AllocationRequest Add(int i) => new()
    {
        ContainerId = $"ctr-{i}",
        IfName = "eth0",
        PodNamespace = "default",
        PodName = $"pod-{i}",
        PodUid = $"uid-{i}",
        DefaultIPv4Pools = ["v4"],
    };

    [Fact]
    public async Task Committed_batches_are_observed_as_batch_sizes_and_refused_writes_as_conflicts()
    {
        var metrics = new AgentMetrics();
        var store = new RacingStore(new InMemoryIpamStore(wholePoolVersion: true));
        var engine = new IpamEngine(store, new InMemoryIpamObjectSource().AddPool(Pool()),
            new IpamEngineOptions { NodeName = "node-a", CommitObserver = metrics.ObserveCommit });

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => engine.AllocateAsync(Add(i)).AsTask()));

        // Every allocation is one committed change: the histogram's sum of observations is 20 (plus the rival's write, which is not the engine's).
        string text = metrics.Render([], ready: true);
        Assert.Contains("dragline_ipam_commit_batch_size_sum 20\n", text, StringComparison.Ordinal);
        Assert.True(metrics.BatchSize.Count is >= 1 and <= 20, $"batches: {metrics.BatchSize.Count}");
        // The rival writer made the engine's first write fail on the pool version: at least one conflict, and it is exposed.
        Assert.True(metrics.Conflicts >= 1, "the refused write was not counted");
        Assert.Contains($"dragline_ipam_conflicts_total {metrics.Conflicts}\n", text, StringComparison.Ordinal);
        Assert.Equal(21, (await store.ReadPoolAsync("v4", TestContext.Current.CancellationToken)).Records.Count);
    }

    /// <summary>Before the engine's first write, another writer takes an address in the same pool (a whole-pool version store then refuses the engine's write).</summary>
    private sealed class RacingStore(IIpamStore inner) : IIpamStore
    {
        private int _raced;

        public bool ConditionsArePerRecord => inner.ConditionsArePerRecord;

        public int MaxChangesPerCommit => inner.MaxChangesPerCommit;

        public ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default) => inner.ReadPoolAsync(pool, cancellationToken);

        public async ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _raced, 1) == 0)
            {
                PoolAllocations current = await inner.ReadPoolAsync(pool, cancellationToken);
                var rival = new AllocationRecord("10.9.0.250", new AllocationOwner("other", "rival", "uid-rival", "ctr-rival", "eth0", "node-b"), DateTimeOffset.UtcNow);
                Assert.True((await inner.CommitAsync(pool, current.Version, [AllocationChange.Reserve(rival)], cancellationToken)).IsCommitted);
            }

            return await inner.CommitAsync(pool, expected, changes, cancellationToken);
        }

        public ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default) => inner.FindByOwnerAsync(identityKey, cancellationToken);

        public ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) => inner.ListPoolsAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
