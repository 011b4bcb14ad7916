using Dragline.Ipam.Store;
using Dragline.Testing.Ipam;
using static Dragline.Ipam.Tests.Engine.EngineHarness;

namespace Dragline.Ipam.Tests.Engine;

public sealed class ConcurrencyTests
{
    /// <summary>Holds the first commit until released, so requests pile up behind it as they would behind a slow store.</summary>
    private sealed class GatedStore(IIpamStore inner) : IIpamStore
    {
        private int _commits;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Commits => _commits;

        public bool ConditionsArePerRecord => inner.ConditionsArePerRecord;

        public int MaxChangesPerCommit => inner.MaxChangesPerCommit;

        public async ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
        {
            await Gate.Task;
            Interlocked.Increment(ref _commits);
            return await inner.CommitAsync(pool, expected, changes, cancellationToken);
        }

        public ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default) => inner.ReadPoolAsync(pool, cancellationToken);

        public ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default) => inner.FindByOwnerAsync(identityKey, cancellationToken);

        public ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) => inner.ListPoolsAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    [Fact]
    public async Task GroupCommit_100ConcurrentRequestsOnOnePool_CostAtMostTwoCommits()
    {
        var store = new GatedStore(new InMemoryIpamStore());
        var h = new EngineHarness(store).With(Pool("hot", "10.0.0.0/16", ["10.0.0.1-10.0.3.254"]));

        // The first commit waits at the gate; every other request queues behind it.
        List<Task<AllocationResult>> adds = [.. Enumerable.Range(0, 100).Select(i => h.Engine.AllocateAsync(Add("p" + i, v4: ["hot"])).AsTask())];
        store.Gate.SetResult();
        AllocationResult[] results = await Task.WhenAll(adds);

        Assert.InRange(store.Commits, 1, 2);
        Assert.Equal(100, results.Select(r => r.Addresses[0].Address).Distinct().Count());
        Assert.Equal(100, (await h.RecordsAsync("hot")).Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FailureMode01_TwoAgentsOnOneStore_100PodsEach_NoAddressTwiceNoOwnerTwice(bool wholePoolVersion)
    {
        var shared = new InMemoryIpamStore(wholePoolVersion);
        var objects = new InMemoryIpamObjectSource().AddPool(Pool("hot", "10.0.0.0/24", ["10.0.0.1-10.0.0.200"]));
        var agentA = new EngineHarness(shared, objects: objects);
        var agentB = new EngineHarness(shared, objects: objects);

        Task<AllocationResult>[] adds =
        [
            .. Enumerable.Range(0, 100).Select(i => Task.Run(async () => await agentA.Engine.AllocateAsync(Add("a" + i, v4: ["hot"])))),
            .. Enumerable.Range(0, 100).Select(i => Task.Run(async () => await agentB.Engine.AllocateAsync(Add("b" + i, v4: ["hot"])))),
        ];
        AllocationResult[] results = await Task.WhenAll(adds);

        IReadOnlyDictionary<string, AllocationRecord> records = await agentA.RecordsAsync("hot");
        Assert.Equal(200, records.Count);
        Assert.Equal(200, records.Values.Select(r => r.Owner.PodUid).Distinct().Count());
        Assert.Equal(200, results.Select(r => r.Addresses[0].Address).Distinct().Count());
        Assert.All(results, r => Assert.True(records.ContainsKey(r.Addresses[0].Address.Address.ToString())));
    }

    [Fact]
    public async Task FailureMode02_ConflictRetriesExhausted_GiveARetryableErrorAndNoHalfWrittenRecord()
    {
        var h = new EngineHarness(new AlwaysStaleStore(), options: new IpamEngineOptions { MaxCommitAttempts = 3 })
            .With(Pool("hot", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));

        Dragline.Core.DraglineException error = await Assert.ThrowsAsync<Dragline.Core.DraglineException>(async () => await h.Engine.AllocateAsync(Add("a", v4: ["hot"])));

        Assert.Equal(Dragline.Core.DraglineErrorReason.Conflict, error.Reason);
        Assert.Contains("try again", error.Message, StringComparison.Ordinal);
        Assert.Empty(await h.RecordsAsync("hot"));
    }

    [Fact]
    public async Task ConcurrentDuplicateAdds_OfOneContainer_GetOneAddress()
    {
        var h = new EngineHarness().With(Pool("p", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        AllocationResult[] results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () => await h.Engine.AllocateAsync(Add("same", v4: ["p"])))));
        Assert.Single(results.Select(r => r.Addresses[0].Address).Distinct());
        Assert.Single(await h.RecordsAsync("p"));
    }

    [Fact]
    public async Task FailureMode02_ARivalThatAlwaysTakesTheLowestFreeAddressFirst_DoesNotStarveUs()
    {
        // Another node's agent commits the lowest free address just before each of our commits: on every
        // retry a pick of "the lowest free address" would collide with it again.
        var h = new EngineHarness(new RivalFirstStore(new InMemoryIpamStore()), options: new IpamEngineOptions { MaxCommitAttempts = 8 })
            .With(Pool("hot", "10.0.0.0/24", ["10.0.0.1-10.0.0.200"]));

        for (int i = 0; i < 20; i++)
        {
            string ip = await h.AddOneAsync($"p{i}", ["hot"]);
            AllocationRecord mine = (await h.RecordsAsync("hot"))[ip];
            Assert.Equal($"uid-p{i}", mine.Owner.PodUid);
        }

        IReadOnlyDictionary<string, AllocationRecord> records = await h.RecordsAsync("hot");
        Assert.Equal(20, records.Values.Count(r => r.Owner.Node == "node1"));
        Assert.Equal(records.Count, records.Keys.Distinct().Count());
    }

    /// <summary>Per-record store with a rival writer on another node that takes the lowest free address of the pool right before each commit.</summary>
    private sealed class RivalFirstStore(InMemoryIpamStore inner) : IIpamStore
    {
        private int _rivals;

        public bool ConditionsArePerRecord => true;

        public int MaxChangesPerCommit => inner.MaxChangesPerCommit;

        public async ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
        {
            PoolAllocations now = await inner.ReadPoolAsync(pool, cancellationToken);
            for (int last = 1; last <= 200; last++)
            {
                string ip = "10.0.0." + last;
                if (!now.Records.ContainsKey(ip))
                {
                    int n = Interlocked.Increment(ref _rivals);
                    var rival = new AllocationOwner("other", $"rival-{n}", $"rival-uid-{n}", $"rival-cid-{n}", "eth0", "node2");
                    CommitResult taken = await inner.CommitAsync(pool, now.Version, [AllocationChange.Reserve(new AllocationRecord(ip, rival, DateTimeOffset.UnixEpoch))], cancellationToken);
                    Assert.True(taken.IsCommitted);
                    break;
                }
            }

            return await inner.CommitAsync(pool, expected, changes, cancellationToken);
        }

        public ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default) => inner.ReadPoolAsync(pool, cancellationToken);

        public ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default) => inner.FindByOwnerAsync(identityKey, cancellationToken);

        public ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) => inner.ListPoolsAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    /// <summary>A whole-pool store whose pool always changed since the read: every commit is refused.</summary>
    private sealed class AlwaysStaleStore : IIpamStore
    {
        private readonly InMemoryIpamStore _inner = new();

        public bool ConditionsArePerRecord => false;

        public int MaxChangesPerCommit => 100;

        public ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(CommitResult.StalePool(new StoreVersion("moved")));

        public ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default) => _inner.ReadPoolAsync(pool, cancellationToken);

        public ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default) => _inner.FindByOwnerAsync(identityKey, cancellationToken);

        public ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) => _inner.ListPoolsAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
