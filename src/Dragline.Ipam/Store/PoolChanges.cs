namespace Dragline.Ipam.Store;

/// <summary>
/// The answer of <see cref="IPoolChangeReader.ReadPoolChangesAsync"/>. Exactly one of three shapes:
/// <list type="bullet">
/// <item><see cref="IsUnchanged"/>: the pool is still at the known version; the caller's copy is current.</item>
/// <item><see cref="Full"/> set: every record of the pool now (as <see cref="IIpamStore.ReadPoolAsync"/> returns).</item>
/// <item>a delta: <see cref="Changed"/> holds every record created or modified after the known version, with its current
/// value; deletions are not listed. The caller upserts them into its copy; since a copy that was exact at the known
/// version, plus those upserts, holds every record the pool has now and possibly some that were deleted,
/// <see cref="RecordCount"/> (the pool's record count now) equal to the copy's count proves the copy exact; otherwise
/// the caller reads the pool whole.</item>
/// </list>
/// </summary>
public sealed record PoolChanges
{
    private PoolChanges(StoreVersion version, bool unchanged, PoolAllocations? full, IReadOnlyList<AllocationRecord> changed, long recordCount)
    {
        Version = version;
        IsUnchanged = unchanged;
        Full = full;
        Changed = changed;
        RecordCount = recordCount;
    }

    /// <summary>The pool's version now.</summary>
    public StoreVersion Version { get; }

    public bool IsUnchanged { get; }

    /// <summary>The whole pool, for a snapshot answer.</summary>
    public PoolAllocations? Full { get; }

    /// <summary>For a delta: the records created or modified since the known version (current values).</summary>
    public IReadOnlyList<AllocationRecord> Changed { get; }

    /// <summary>For a delta: how many records the pool holds now.</summary>
    public long RecordCount { get; }

    public bool IsDelta => !IsUnchanged && Full is null;

    public static PoolChanges Unchanged(StoreVersion version) => new(version, true, null, [], -1);

    public static PoolChanges Snapshot(PoolAllocations full)
    {
        ArgumentNullException.ThrowIfNull(full);
        return new PoolChanges(full.Version, false, full, [], full.Records.Count);
    }

    public static PoolChanges Delta(StoreVersion version, IReadOnlyList<AllocationRecord> changed, long recordCount)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return new PoolChanges(version, false, null, changed, recordCount);
    }
}
