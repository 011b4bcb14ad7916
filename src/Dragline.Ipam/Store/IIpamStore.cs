namespace Dragline.Ipam.Store;

/// <summary>
/// Where allocation records live (SQLite file, etcd, Kubernetes SpiderIPPool status). The contract,
/// which every implementation passes in <c>IpamStoreContractTests</c>, is written down in
/// <c>docs/ipam.md</c>:
/// <list type="bullet">
/// <item>read a pool's records with a version;</item>
/// <item>commit a batch of changes that applies whole or not at all;</item>
/// <item>each change carries its own condition (reserve: address free; release/replace: held by the expected attachment);</item>
/// <item>a store that checks conditions per record (<see cref="ConditionsArePerRecord"/>) ignores the pool version, so writers
/// on different nodes taking different addresses never conflict; a whole-pool store (Kubernetes resourceVersion) may also
/// refuse because the pool changed (<see cref="CommitResult.PoolVersionChanged"/>), and the caller re-reads and retries.</item>
/// </list>
/// </summary>
public interface IIpamStore : IAsyncDisposable
{
    /// <summary>True when commits are conditioned per record only; false when any change to the pool since the read refuses a commit.</summary>
    bool ConditionsArePerRecord { get; }

    /// <summary>The most changes one <see cref="CommitAsync"/> may carry (etcd caps operations per transaction).</summary>
    int MaxChangesPerCommit { get; }

    /// <summary>The pool's records and version. An unknown pool has no records and <see cref="StoreVersion.None"/>.</summary>
    ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default);

    /// <summary>Apply <paramref name="changes"/> (at most one per address) all together, or none of them.</summary>
    ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Every allocation, in every pool, whose owner has <paramref name="identityKey"/> (<see cref="AllocationOwner.IdentityKey"/>).</summary>
    ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default);

    /// <summary>The names of pools that have, or had, records.</summary>
    ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default);
}
