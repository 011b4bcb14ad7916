namespace Dragline.Ipam.Store;

/// <summary>
/// The outcome of <see cref="IIpamStore.CommitAsync"/>: either every change was applied and the pool
/// is now at <see cref="Version"/>, or nothing was applied and <see cref="Conflicts"/> says why.
/// </summary>
public sealed record CommitResult
{
    private CommitResult(bool committed, StoreVersion version, IReadOnlyList<RecordConflict> conflicts, bool poolVersionChanged, StoreVersion? previousVersion = null)
    {
        IsCommitted = committed;
        Version = version;
        Conflicts = conflicts;
        PoolVersionChanged = poolVersionChanged;
        PreviousVersion = previousVersion;
    }

    public bool IsCommitted { get; }

    /// <summary>The pool version after the commit (committed) or as found (conflict).</summary>
    public StoreVersion Version { get; }

    /// <summary>The changes whose conditions failed. Empty for a whole-pool version conflict.</summary>
    public IReadOnlyList<RecordConflict> Conflicts { get; }

    /// <summary>True when a whole-pool store refused because the pool changed since the read (Kubernetes resourceVersion).</summary>
    public bool PoolVersionChanged { get; }

    /// <summary>
    /// For a commit: the pool version just before these changes were applied, when the store knows it (null otherwise).
    /// A caller that read the pool at this version knows its view plus its own changes is the pool at <see cref="Version"/>,
    /// so it can keep a cached copy current without reading the pool again.
    /// </summary>
    public StoreVersion? PreviousVersion { get; }

    /// <summary>Every change applied; the pool is now at <paramref name="version"/> and was at <paramref name="previousVersion"/> just before (when known).</summary>
    public static CommitResult Committed(StoreVersion version, StoreVersion? previousVersion = null) => new(true, version, [], false, previousVersion);

    public static CommitResult Conflict(StoreVersion current, IReadOnlyList<RecordConflict> conflicts) => new(false, current, conflicts, false);

    public static CommitResult StalePool(StoreVersion current) => new(false, current, [], true);
}
