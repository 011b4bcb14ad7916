using System.Globalization;
using Dragline.Ipam.Store;

namespace Dragline.Testing.Ipam;

/// <summary>
/// A store in process memory, for tests and the bench. <paramref name="wholePoolVersion"/> makes it refuse
/// any commit made against an outdated pool version, as the Kubernetes store does with resourceVersion,
/// so the engine is tested against both kinds of store.
/// </summary>
public sealed class InMemoryIpamStore(bool wholePoolVersion = false) : IIpamStore, IPoolChangeReader
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PoolState> _pools = new(StringComparer.Ordinal);

    /// <summary>Commits accepted so far (all pools), for tests that count writes.</summary>
    public int CommitCount { get; private set; }

    public bool ConditionsArePerRecord => !wholePoolVersion;

    public int MaxChangesPerCommit => 1000;

    public ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        lock (_gate)
        {
            if (!_pools.TryGetValue(pool, out PoolState? state))
            {
                return ValueTask.FromResult(new PoolAllocations(pool, StoreVersion.None, new Dictionary<string, AllocationRecord>()));
            }

            return ValueTask.FromResult(new PoolAllocations(pool, state.VersionToken, new Dictionary<string, AllocationRecord>(state.Records, StringComparer.Ordinal)));
        }
    }

    public ValueTask<PoolChanges> ReadPoolChangesAsync(string pool, StoreVersion known, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        lock (_gate)
        {
            StoreVersion now = _pools.TryGetValue(pool, out PoolState? state) ? state.VersionToken : StoreVersion.None;
            if (now == known)
            {
                return ValueTask.FromResult(PoolChanges.Unchanged(now));
            }
        }

        return ReadAsSnapshotAsync(pool, cancellationToken);
    }

    public ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
    {
        StoreErrors.ValidateChanges(pool, changes);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_pools.TryGetValue(pool, out PoolState? state))
            {
                state = new PoolState();
                _pools.Add(pool, state);
            }

            if (wholePoolVersion && expected != state.VersionToken)
            {
                return ValueTask.FromResult(CommitResult.StalePool(state.VersionToken));
            }

            var conflicts = new List<RecordConflict>();
            foreach (AllocationChange change in changes)
            {
                state.Records.TryGetValue(change.Ip, out AllocationRecord? current);
                if (AllocationConditions.Check(change, current) is { } conflict)
                {
                    conflicts.Add(conflict);
                }
            }

            if (conflicts.Count > 0)
            {
                return ValueTask.FromResult(CommitResult.Conflict(state.VersionToken, conflicts));
            }

            foreach (AllocationChange change in changes)
            {
                if (change.Kind == AllocationChangeKind.Release)
                {
                    state.Records.Remove(change.Ip);
                }
                else
                {
                    state.Records[change.Ip] = change.Record!;
                }
            }

            StoreVersion previous = state.VersionToken;
            if (changes.Count > 0)
            {
                state.Version++;
                CommitCount++;
            }

            return ValueTask.FromResult(CommitResult.Committed(state.VersionToken, previous));
        }
    }

    public ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityKey);
        lock (_gate)
        {
            var found = new List<OwnedAllocation>();
            foreach ((string pool, PoolState state) in _pools.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                foreach (AllocationRecord record in state.Records.Values)
                {
                    if (record.Owner.IdentityKey == identityKey)
                    {
                        found.Add(new OwnedAllocation(pool, record));
                    }
                }
            }

            return ValueTask.FromResult<IReadOnlyList<OwnedAllocation>>(found);
        }
    }

    public ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<string>>([.. _pools.Keys.Order(StringComparer.Ordinal)]);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async ValueTask<PoolChanges> ReadAsSnapshotAsync(string pool, CancellationToken cancellationToken) =>
        PoolChanges.Snapshot(await ReadPoolAsync(pool, cancellationToken).ConfigureAwait(false));

    private sealed class PoolState
    {
        public Dictionary<string, AllocationRecord> Records { get; } = new(StringComparer.Ordinal);

        public long Version { get; set; }

        public StoreVersion VersionToken => Version == 0 ? StoreVersion.None : new StoreVersion(Version.ToString(CultureInfo.InvariantCulture));
    }
}
