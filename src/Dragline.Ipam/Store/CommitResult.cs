namespace Dragline.Ipam.Store;

/// <summary>
/// The outcome of <see cref="IIpamStore.CommitAsync"/>: either every change was applied and the pool
/// is now at <see cref="Version"/>, or nothing was applied and <see cref="Conflicts"/> says why.
/// </summary>
public sealed record CommitResult
{
    private CommitResult(bool committed, StoreVersion version, IReadOnlyList<RecordConflict> conflicts, bool poolVersionChanged)
    {
        IsCommitted = committed;
        Version = version;
        Conflicts = conflicts;
        PoolVersionChanged = poolVersionChanged;
    }

    public bool IsCommitted { get; }

    /// <summary>The pool version after the commit (committed) or as found (conflict).</summary>
    public StoreVersion Version { get; }

    /// <summary>The changes whose conditions failed. Empty for a whole-pool version conflict.</summary>
    public IReadOnlyList<RecordConflict> Conflicts { get; }

    /// <summary>True when a whole-pool store refused because the pool changed since the read (Kubernetes resourceVersion).</summary>
    public bool PoolVersionChanged { get; }

    public static CommitResult Committed(StoreVersion version) => new(true, version, [], false);

    public static CommitResult Conflict(StoreVersion current, IReadOnlyList<RecordConflict> conflicts) => new(false, current, conflicts, false);

    public static CommitResult StalePool(StoreVersion current) => new(false, current, [], true);
}
