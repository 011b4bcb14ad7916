using Dragline.Core;
using Dragline.Ipam.Store;

namespace Dragline.Ipam.Tests.Store;

/// <summary>
/// The store contract (docs/ipam.md, "Store contract"): every <see cref="IIpamStore"/> passes these.
/// A subclass gives a fresh backing per test instance and opens handles (clients) onto it.
/// </summary>
public abstract class IpamStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);

    /// <summary>A new client onto this test's backing data (the same data for every call in one test).</summary>
    protected abstract ValueTask<IIpamStore> OpenAsync();

    /// <summary>True when data survives disposing every handle and opening again.</summary>
    protected virtual bool IsPersistent => true;

    protected static AllocationOwner Owner(string pod, string container = "c1", string nic = "eth0", string node = "node1") =>
        new("default", pod, "uid-" + pod, container, nic, node);

    protected static AllocationRecord Record(string ip, AllocationOwner owner) => new(ip, owner, Now);

    [Fact]
    public async Task FailureMode19_TheNetworkOfARecordIsKept_AndARecordWithoutOneReadsAsUnknown()
    {
        await using IIpamStore store = await OpenAsync();
        AllocationOwner tagged = Owner("tagged") with { Network = "macvlan-a" };
        AllocationOwner untagged = Owner("untagged", container: "c2");
        CommitResult result = await store.CommitAsync("p", StoreVersion.None,
            [AllocationChange.Reserve(Record("10.0.0.1", tagged)), AllocationChange.Reserve(Record("10.0.0.2", untagged))]);
        Assert.True(result.IsCommitted);

        PoolAllocations pool = await store.ReadPoolAsync("p");
        Assert.Equal("macvlan-a", pool.Records["10.0.0.1"].Owner.Network);
        Assert.Equal("", pool.Records["10.0.0.2"].Owner.Network);
        OwnedAllocation found = Assert.Single(await store.FindByOwnerAsync(tagged.IdentityKey));
        Assert.Equal("macvlan-a", found.Record.Owner.Network);
    }

    [Fact]
    public async Task ReadUnknownPool_HasNoRecordsAndNoVersion()
    {
        await using IIpamStore store = await OpenAsync();
        PoolAllocations pool = await store.ReadPoolAsync("never-written");
        Assert.Empty(pool.Records);
        Assert.Equal(StoreVersion.None, pool.Version);
    }

    [Fact]
    public async Task Reserve_IsVisibleWithItsOwnerAndANewVersion()
    {
        await using IIpamStore store = await OpenAsync();
        PoolAllocations before = await store.ReadPoolAsync("p1");
        AllocationOwner owner = Owner("a", container: "cid-a", nic: "net1", node: "n7");
        CommitResult result = await store.CommitAsync("p1", before.Version, [AllocationChange.Reserve(Record("10.0.0.1", owner))]);

        Assert.True(result.IsCommitted);
        PoolAllocations after = await store.ReadPoolAsync("p1");
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(result.Version, after.Version);
        AllocationRecord stored = Assert.Single(after.Records).Value;
        Assert.Equal("10.0.0.1", stored.Ip);
        Assert.Equal(owner, stored.Owner);
        Assert.Equal(Now, stored.AllocatedAt);
    }

    [Fact]
    public async Task Reserve_OfATakenAddress_ConflictsAndAppliesNothingOfTheBatch()
    {
        await using IIpamStore store = await OpenAsync();
        PoolAllocations empty = await store.ReadPoolAsync("p1");
        Assert.True((await store.CommitAsync("p1", empty.Version, [AllocationChange.Reserve(Record("10.0.0.1", Owner("a")))])).IsCommitted);
        PoolAllocations current = await store.ReadPoolAsync("p1");

        CommitResult result = await store.CommitAsync("p1", current.Version,
        [
            AllocationChange.Reserve(Record("10.0.0.2", Owner("b"))),
            AllocationChange.Reserve(Record("10.0.0.1", Owner("c"))),
        ]);

        Assert.False(result.IsCommitted);
        RecordConflict conflict = Assert.Single(result.Conflicts);
        Assert.Equal("10.0.0.1", conflict.Change.Ip);
        Assert.Equal(Owner("a"), conflict.Current?.Owner);
        PoolAllocations after = await store.ReadPoolAsync("p1");
        Assert.Equal(["10.0.0.1"], after.Records.Keys);
        Assert.Equal(current.Version, after.Version);
    }

    [Fact]
    public async Task Release_ByTheHolder_RemovesTheRecord()
    {
        await using IIpamStore store = await OpenAsync();
        await ReserveAsync(store, "p1", "10.0.0.1", Owner("a"));
        PoolAllocations current = await store.ReadPoolAsync("p1");

        CommitResult result = await store.CommitAsync("p1", current.Version, [AllocationChange.Release("10.0.0.1", Owner("a"))]);

        Assert.True(result.IsCommitted);
        Assert.Empty((await store.ReadPoolAsync("p1")).Records);
        Assert.Empty(await store.FindByOwnerAsync(Owner("a").IdentityKey));
    }

    [Fact]
    public async Task FailureMode05_StaleRelease_NeverFreesTheNewOwnersAddress()
    {
        await using IIpamStore store = await OpenAsync();
        await ReserveAsync(store, "p1", "10.0.0.1", Owner("old"));
        PoolAllocations seenByStaleDel = await store.ReadPoolAsync("p1");
        await ReleaseAsync(store, "p1", "10.0.0.1", Owner("old"));
        await ReserveAsync(store, "p1", "10.0.0.1", Owner("new"));

        // A second DEL for the old pod arrives late, with what it had read.
        CommitResult result = await store.CommitAsync("p1", seenByStaleDel.Version, [AllocationChange.Release("10.0.0.1", Owner("old"))]);

        Assert.False(result.IsCommitted);
        PoolAllocations fresh = await store.ReadPoolAsync("p1");
        Assert.False((await store.CommitAsync("p1", fresh.Version, [AllocationChange.Release("10.0.0.1", Owner("old"))])).IsCommitted);
        AllocationRecord kept = Assert.Single((await store.ReadPoolAsync("p1")).Records).Value;
        Assert.Equal(Owner("new"), kept.Owner);
    }

    [Fact]
    public async Task Release_OfAnotherInterfaceOrSandbox_Conflicts()
    {
        await using IIpamStore store = await OpenAsync();
        await ReserveAsync(store, "p1", "10.0.0.1", Owner("a", container: "c1", nic: "net1"));
        PoolAllocations current = await store.ReadPoolAsync("p1");

        CommitResult otherNic = await store.CommitAsync("p1", current.Version, [AllocationChange.Release("10.0.0.1", Owner("a", container: "c1", nic: "net2"))]);
        CommitResult otherSandbox = await store.CommitAsync("p1", current.Version, [AllocationChange.Release("10.0.0.1", Owner("a", container: "c0", nic: "net1"))]);

        Assert.False(otherNic.IsCommitted);
        Assert.False(otherSandbox.IsCommitted);
        Assert.Single((await store.ReadPoolAsync("p1")).Records);
    }

    [Fact]
    public async Task Release_OfAnAbsentRecord_IsANoOp()
    {
        await using IIpamStore store = await OpenAsync();
        await ReserveAsync(store, "p1", "10.0.0.1", Owner("a"));
        PoolAllocations current = await store.ReadPoolAsync("p1");

        CommitResult result = await store.CommitAsync("p1", current.Version, [AllocationChange.Release("10.0.0.9", Owner("z"))]);

        Assert.True(result.IsCommitted);
        Assert.Single((await store.ReadPoolAsync("p1")).Records);
    }

    [Fact]
    public async Task Replace_HandsTheAddressToANewSandbox_AndTheOldSandboxCannotReleaseIt()
    {
        await using IIpamStore store = await OpenAsync();
        await ReserveAsync(store, "p1", "10.0.0.1", Owner("a", container: "c1"));
        PoolAllocations current = await store.ReadPoolAsync("p1");

        CommitResult replaced = await store.CommitAsync("p1", current.Version,
            [AllocationChange.Replace(Owner("a", container: "c1"), Record("10.0.0.1", Owner("a", container: "c2")))]);
        Assert.True(replaced.IsCommitted);

        PoolAllocations after = await store.ReadPoolAsync("p1");
        CommitResult lateDel = await store.CommitAsync("p1", after.Version, [AllocationChange.Release("10.0.0.1", Owner("a", container: "c1"))]);
        Assert.False(lateDel.IsCommitted);
        Assert.Equal("c2", Assert.Single((await store.ReadPoolAsync("p1")).Records).Value.Owner.ContainerId);
    }

    [Fact]
    public async Task Replace_OfAnAbsentRecord_Conflicts()
    {
        await using IIpamStore store = await OpenAsync();
        PoolAllocations current = await store.ReadPoolAsync("p1");
        CommitResult result = await store.CommitAsync("p1", current.Version,
            [AllocationChange.Replace(Owner("a", container: "c1"), Record("10.0.0.1", Owner("a", container: "c2")))]);
        Assert.False(result.IsCommitted);
        Assert.Null(Assert.Single(result.Conflicts).Current);
        Assert.Empty((await store.ReadPoolAsync("p1")).Records);
    }

    [Fact]
    public async Task FindByOwner_FindsEveryPoolAndInterfaceOfThePod()
    {
        await using IIpamStore store = await OpenAsync();
        await ReserveAsync(store, "v4", "10.0.0.1", Owner("a", nic: "eth0"));
        await ReserveAsync(store, "v6", "fd00::1", Owner("a", nic: "eth0"));
        await ReserveAsync(store, "v4", "10.0.0.2", Owner("a", nic: "net1"));
        await ReserveAsync(store, "v4", "10.0.0.3", Owner("b"));

        IReadOnlyList<OwnedAllocation> found = await store.FindByOwnerAsync(Owner("a").IdentityKey);

        Assert.Equal(
            ["v4 10.0.0.1 eth0", "v4 10.0.0.2 net1", "v6 fd00::1 eth0"],
            found.Select(f => $"{f.Pool} {f.Record.Ip} {f.Record.Owner.Interface}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindByOwner_WithoutPodUid_UsesTheContainerId()
    {
        await using IIpamStore store = await OpenAsync();
        var standalone = new AllocationOwner("", "", "", "abc123", "eth0", "host1");
        await ReserveAsync(store, "p1", "10.0.0.1", standalone);

        OwnedAllocation found = Assert.Single(await store.FindByOwnerAsync("container:abc123"));
        Assert.Equal(standalone, found.Record.Owner);
    }

    [Fact]
    public async Task ListPools_NamesEveryWrittenPool()
    {
        await using IIpamStore store = await OpenAsync();
        await ReserveAsync(store, "beta", "10.0.1.1", Owner("a"));
        await ReserveAsync(store, "alpha", "10.0.0.1", Owner("b"));
        IReadOnlyList<string> pools = await store.ListPoolsAsync();
        Assert.Contains("alpha", pools);
        Assert.Contains("beta", pools);
    }

    [Fact]
    public async Task Commit_ChangingOneAddressTwice_IsRejected()
    {
        await using IIpamStore store = await OpenAsync();
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await store.CommitAsync("p1", StoreVersion.None,
        [
            AllocationChange.Reserve(Record("10.0.0.1", Owner("a"))),
            AllocationChange.Release("10.0.0.1", Owner("a")),
        ]));
        Assert.Contains("10.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoWritersFromOneRead_TakingDifferentAddresses_BothEndUpCommitted()
    {
        await using IIpamStore first = await OpenAsync();
        await using IIpamStore second = await OpenAsync();
        await ReserveAsync(first, "p1", "10.0.0.9", Owner("seed"));
        PoolAllocations read1 = await first.ReadPoolAsync("p1");
        PoolAllocations read2 = await second.ReadPoolAsync("p1");

        CommitResult a = await first.CommitAsync("p1", read1.Version, [AllocationChange.Reserve(Record("10.0.0.1", Owner("a")))]);
        CommitResult b = await second.CommitAsync("p1", read2.Version, [AllocationChange.Reserve(Record("10.0.0.2", Owner("b")))]);

        Assert.True(a.IsCommitted);
        if (first.ConditionsArePerRecord)
        {
            // Per-record conditions: different addresses never conflict.
            Assert.True(b.IsCommitted);
        }
        else
        {
            // Whole-pool version: the second writer is told the pool moved, re-reads and succeeds.
            Assert.True(b.PoolVersionChanged);
            PoolAllocations again = await second.ReadPoolAsync("p1");
            Assert.True((await second.CommitAsync("p1", again.Version, [AllocationChange.Reserve(Record("10.0.0.2", Owner("b")))])).IsCommitted);
        }

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.9"], (await first.ReadPoolAsync("p1")).Records.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FailureMode01_ParallelWritersOnOnePool_NoAddressTwiceNoOwnerTwiceNoLostUpdate()
    {
        const int Writers = 4;
        const int PerWriter = 8;
        const int Addresses = Writers * PerWriter;
        var handles = new List<IIpamStore>();
        for (int i = 0; i < Writers; i++)
        {
            handles.Add(await OpenAsync());
        }

        try
        {
            // Each writer always tries the lowest address it sees free: the worst case for contention.
            Task<int>[] writers = [.. handles.Select((store, w) => Task.Run(async () =>
            {
                int won = 0;
                for (int n = 0; n < PerWriter; n++)
                {
                    AllocationOwner owner = Owner($"w{w}-{n}");
                    while (true)
                    {
                        PoolAllocations pool = await store.ReadPoolAsync("hot");
                        string? free = Enumerable.Range(1, Addresses).Select(i => $"10.1.0.{i}").FirstOrDefault(ip => !pool.Records.ContainsKey(ip));
                        Assert.NotNull(free);
                        CommitResult result = await store.CommitAsync("hot", pool.Version, [AllocationChange.Reserve(Record(free, owner))]);
                        if (result.IsCommitted)
                        {
                            won++;
                            break;
                        }
                    }
                }

                return won;
            }))];
            int[] wins = await Task.WhenAll(writers);

            PoolAllocations final = await handles[0].ReadPoolAsync("hot");
            Assert.Equal(Addresses, wins.Sum());
            Assert.Equal(Addresses, final.Records.Count);
            Assert.Equal(Addresses, final.Records.Values.Select(r => r.Owner.IdentityKey).Distinct().Count());
        }
        finally
        {
            foreach (IIpamStore handle in handles)
            {
                await handle.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Records_SurviveClosingAndReopening()
    {
        if (!IsPersistent)
        {
            Assert.Skip("this store keeps data in process memory only");
        }

        await using (IIpamStore store = await OpenAsync())
        {
            await ReserveAsync(store, "p1", "10.0.0.1", Owner("a"));
        }

        await using IIpamStore reopened = await OpenAsync();
        Assert.Equal(Owner("a"), Assert.Single((await reopened.ReadPoolAsync("p1")).Records).Value.Owner);
    }

    [Fact]
    public async Task PreviousVersion_OfACommit_IsThePoolVersionJustBeforeIt_WhenTheStoreReportsOne()
    {
        await using IIpamStore store = await OpenAsync();
        await using IIpamStore other = await OpenAsync();
        CommitResult first = await store.CommitAsync("p1", StoreVersion.None, [AllocationChange.Reserve(Record("10.0.0.1", Owner("a")))]);
        CommitResult second = await other.CommitAsync("p1", first.Version, [AllocationChange.Reserve(Record("10.0.0.2", Owner("b")))]);
        PoolAllocations between = await store.ReadPoolAsync("p1");
        CommitResult third = await store.CommitAsync("p1", between.Version, [AllocationChange.Release("10.0.0.1", Owner("a"))]);

        Assert.True(first.IsCommitted && second.IsCommitted && third.IsCommitted);
        if (first.PreviousVersion is null && second.PreviousVersion is null && third.PreviousVersion is null)
        {
            Assert.Skip("this store does not report the version a commit followed");
        }

        Assert.Equal(StoreVersion.None, first.PreviousVersion);
        Assert.Equal(first.Version, second.PreviousVersion);
        Assert.Equal(second.Version, between.Version);
        Assert.Equal(between.Version, third.PreviousVersion);
        Assert.NotEqual(third.PreviousVersion, third.Version);
    }

    [Fact]
    public async Task ChangeReport_WithNothingWrittenSinceTheRead_IsUnchanged()
    {
        await using IIpamStore store = await OpenAsync();
        if (store is not IPoolChangeReader reader)
        {
            Assert.Skip("this store does not report changes (it is read whole)");
            return;
        }

        await ReserveAsync(store, "p1", "10.0.0.1", Owner("a"));
        PoolAllocations read = await store.ReadPoolAsync("p1");
        PoolChanges changes = await reader.ReadPoolChangesAsync("p1", read.Version);
        Assert.True(changes.IsUnchanged);
        Assert.Equal(read.Version, changes.Version);
        Assert.True((await reader.ReadPoolChangesAsync("never-written", StoreVersion.None)).IsUnchanged);
    }

    [Fact]
    public async Task ChangeReport_AppliedToACopy_GivesThePoolAsReadWhole_OrSaysTheCopyMustBeReadAgain()
    {
        await using IIpamStore store = await OpenAsync();
        await using IIpamStore other = await OpenAsync();
        if (store is not IPoolChangeReader reader)
        {
            Assert.Skip("this store does not report changes (it is read whole)");
            return;
        }

        foreach (string ip in new[] { "10.0.0.1", "10.0.0.2", "10.0.0.3" })
        {
            await ReserveAsync(store, "p1", ip, Owner("pod" + ip[^1]));
        }

        // Another writer adds and hands over records (no deletion): the copy plus the report is the pool.
        PoolAllocations copyAt = await store.ReadPoolAsync("p1");
        var copy = new Dictionary<string, AllocationRecord>(copyAt.Records);
        await ReserveAsync(other, "p1", "10.0.0.4", Owner("pod4"));
        PoolAllocations beforeReplace = await other.ReadPoolAsync("p1");
        Assert.True((await other.CommitAsync("p1", beforeReplace.Version,
            [AllocationChange.Replace(Owner("pod3"), Record("10.0.0.3", Owner("pod3", container: "c2")))])).IsCommitted);
        PoolChanges changes = await reader.ReadPoolChangesAsync("p1", copyAt.Version);
        PoolAllocations whole = await store.ReadPoolAsync("p1");
        Assert.False(changes.IsUnchanged);
        Assert.Equal(whole.Version, changes.Version);
        Dictionary<string, AllocationRecord> applied = Apply(copy, changes);
        Assert.Equal(whole.Records.Count, changes.RecordCount);
        Assert.Equal(whole.Records.OrderBy(r => r.Key), applied.OrderBy(r => r.Key));

        // A deletion: a delta cannot list it, so its count must disagree with the copy's.
        copyAt = whole;
        copy = new Dictionary<string, AllocationRecord>(whole.Records);
        await ReleaseAsync(other, "p1", "10.0.0.2", Owner("pod2"));
        await ReserveAsync(other, "p1", "10.0.0.5", Owner("pod5"));
        changes = await reader.ReadPoolChangesAsync("p1", copyAt.Version);
        whole = await store.ReadPoolAsync("p1");
        Assert.False(changes.IsUnchanged);
        applied = Apply(copy, changes);
        if (changes.IsDelta)
        {
            Assert.NotEqual(changes.RecordCount, applied.Count);
            Assert.Equal(whole.Records.Count, changes.RecordCount);
        }
        else
        {
            Assert.Equal(whole.Records.OrderBy(r => r.Key), applied.OrderBy(r => r.Key));
        }
    }

    private static Dictionary<string, AllocationRecord> Apply(Dictionary<string, AllocationRecord> copy, PoolChanges changes)
    {
        if (changes.Full is { } full)
        {
            return new Dictionary<string, AllocationRecord>(full.Records);
        }

        var result = new Dictionary<string, AllocationRecord>(copy);
        foreach (AllocationRecord record in changes.Changed)
        {
            result[record.Ip] = record;
        }

        return result;
    }

    protected static async Task ReserveAsync(IIpamStore store, string pool, string ip, AllocationOwner owner)
    {
        PoolAllocations current = await store.ReadPoolAsync(pool);
        CommitResult result = await store.CommitAsync(pool, current.Version, [AllocationChange.Reserve(Record(ip, owner))]);
        Assert.True(result.IsCommitted, $"reserving {ip} in {pool} failed");
    }

    protected static async Task ReleaseAsync(IIpamStore store, string pool, string ip, AllocationOwner owner)
    {
        PoolAllocations current = await store.ReadPoolAsync(pool);
        CommitResult result = await store.CommitAsync(pool, current.Version, [AllocationChange.Release(ip, owner)]);
        Assert.True(result.IsCommitted, $"releasing {ip} in {pool} failed");
    }
}
