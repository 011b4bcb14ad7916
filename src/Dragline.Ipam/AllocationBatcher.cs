using Dragline.Core;
using Dragline.Core.Net;
using Dragline.Ipam.Store;

namespace Dragline.Ipam;

/// <summary>
/// Group commit for one pool: requests that arrive while a commit is in flight queue up and go into the
/// next commit together, so a burst of 100 pods costs a handful of store writes instead of 100 racing
/// compare-and-swap loops. On a conflict the batch is re-read and re-picked. Addresses released by
/// this agent stay out of reach for <see cref="IpamEngineOptions.ReleasedAddressQuarantine"/> while
/// other addresses are free.
/// </summary>
internal sealed class AllocationBatcher(string pool, IIpamStore store, IpamEngineOptions options)
{
    private readonly Lock _gate = new();
    private readonly List<PendingOperation> _pending = [];
    private readonly Dictionary<IpAddress, DateTimeOffset> _recentlyReleased = [];
    private bool _draining;
    private int _commits;

    /// <summary>Successful store commits made by this batcher (for tests of the group commit).</summary>
    public int CommitCount => Volatile.Read(ref _commits);

    /// <summary>Reserve the lowest suitable free address of <paramref name="compiled"/> for <paramref name="owner"/>.</summary>
    public Task<IpAddress> AllocateAsync(CompiledPool compiled, IpRangeSet reserved, AllocationOwner owner, CancellationToken cancellationToken)
    {
        var operation = new PendingOperation(compiled, reserved, owner, null, cancellationToken);
        Enqueue(operation);
        return operation.Allocated.Task;
    }

    /// <summary>Free <paramref name="ip"/> if <paramref name="owner"/>'s attachment still holds it; false when someone else does.</summary>
    public Task<bool> ReleaseAsync(string ip, AllocationOwner owner, CancellationToken cancellationToken)
    {
        var operation = new PendingOperation(null, null, owner, ip, cancellationToken);
        Enqueue(operation);
        return operation.Released.Task;
    }

    private void Enqueue(PendingOperation operation)
    {
        bool start = false;
        lock (_gate)
        {
            _pending.Add(operation);
            if (!_draining)
            {
                _draining = true;
                start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<PendingOperation> batch;
            lock (_gate)
            {
                _pending.RemoveAll(o => o.CancelIfRequested());
                if (_pending.Count == 0)
                {
                    _draining = false;
                    return;
                }

                int take = Math.Min(_pending.Count, Math.Max(1, store.MaxChangesPerCommit));
                batch = _pending.GetRange(0, take);
                _pending.RemoveRange(0, take);
            }

            try
            {
                await CommitBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                foreach (PendingOperation operation in batch)
                {
                    operation.Fail(ex);
                }
            }
        }
    }

    private async Task CommitBatchAsync(List<PendingOperation> batch)
    {
        for (int attempt = 1; batch.Count > 0; attempt++)
        {
            if (attempt > options.MaxCommitAttempts)
            {
                var busy = new DraglineException(DraglineErrorReason.Conflict,
                    $"IPPool {pool} is changing too fast: {options.MaxCommitAttempts} commits in a row met a conflicting writer; try again");
                batch.ForEach(o => o.Fail(busy));
                return;
            }

            PoolAllocations current = await store.ReadPoolAsync(pool).ConfigureAwait(false);
            DateTimeOffset now = options.TimeProvider.GetUtcNow();
            var changes = new List<AllocationChange>();
            var picks = new List<(PendingOperation Operation, IpAddress Ip)>();
            var used = new Dictionary<IpFamily, IpRangeSet>();
            foreach (PendingOperation operation in batch.ToList())
            {
                if (operation.ReleaseIp is { } releaseIp)
                {
                    changes.Add(AllocationChange.Release(releaseIp, operation.Owner));
                    continue;
                }

                CompiledPool compiled = operation.Pool!;
                AllocationRecord? already = current.Records.Values.FirstOrDefault(r => r.Owner.IsSameAttachment(operation.Owner));
                if (already is not null && IpAddress.TryParse(already.Ip, out IpAddress existing) && existing.Family == compiled.Family)
                {
                    // A concurrent duplicate ADD of the same attachment already got an address here.
                    operation.Allocated.TrySetResult(existing);
                    batch.Remove(operation);
                    continue;
                }

                if (!used.TryGetValue(compiled.Family, out IpRangeSet? taken))
                {
                    taken = IpRangeSet.FromAddresses(compiled.Family, current.Records.Keys
                        .Select(k => IpAddress.TryParse(k, out IpAddress a) ? a : (IpAddress?)null)
                        .OfType<IpAddress>()
                        .Where(a => a.Family == compiled.Family));
                }

                taken = taken.Union(operation.Reserved!);
                IpRangeSet quarantined = Quarantined(compiled.Family, now);
                IpAddress? ip = attempt == 1
                    ? compiled.Usable.LowestNotIn(taken.Union(quarantined)) ?? compiled.Usable.LowestNotIn(taken)
                    : SpreadPick(compiled.Usable, taken, quarantined, batch.Count);
                if (ip is null)
                {
                    operation.Fail(new DraglineException(DraglineErrorReason.Exhausted, $"IPPool {pool}: all IP addresses used out"));
                    batch.Remove(operation);
                    used[compiled.Family] = taken;
                    continue;
                }

                used[compiled.Family] = taken.Union(IpRangeSet.FromAddress(ip.Value));
                picks.Add((operation, ip.Value));
                changes.Add(AllocationChange.Reserve(new AllocationRecord(ip.Value.ToString(), operation.Owner, now)));
            }

            if (changes.Count == 0)
            {
                return;
            }

            CommitResult result = await store.CommitAsync(pool, current.Version, changes).ConfigureAwait(false);
            options.CommitObserver?.Invoke(new CommitObservation(pool, changes.Count, result.IsCommitted, result.IsCommitted ? 0 : Math.Max(1, result.Conflicts.Count)));
            if (result.IsCommitted)
            {
                Interlocked.Increment(ref _commits);
                foreach ((PendingOperation operation, IpAddress ip) in picks)
                {
                    operation.Allocated.TrySetResult(ip);
                }

                foreach (PendingOperation operation in batch.Where(o => o.ReleaseIp is not null))
                {
                    lock (_gate)
                    {
                        if (IpAddress.TryParse(operation.ReleaseIp, out IpAddress released))
                        {
                            _recentlyReleased[released] = now;
                        }
                    }

                    operation.Released.TrySetResult(true);
                }

                return;
            }

            // Another writer got there first. Back off for a random moment so the writers stop colliding in lockstep.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(4 << Math.Min(attempt, 5), 100)))).ConfigureAwait(false);

            // A release whose address went to someone else is settled (not ours to free); everything else is retried.
            foreach (RecordConflict conflict in result.Conflicts.Where(c => c.Change.Kind == AllocationChangeKind.Release))
            {
                PendingOperation? operation = batch.FirstOrDefault(o => o.ReleaseIp == conflict.Change.Ip);
                if (operation is not null && conflict.Current is not null && !conflict.Current.Owner.IsSameAttachment(operation.Owner))
                {
                    operation.Released.TrySetResult(false);
                    batch.Remove(operation);
                }
            }
        }
    }

    /// <summary>
    /// After a conflict: a random address among the lowest few free ones rather than the lowest. Agents on
    /// other nodes pick the lowest free addresses too, so after one collision they would collide again on
    /// every retry; a small random window keeps the pool filled from the bottom while letting them pass.
    /// </summary>
    private static IpAddress? SpreadPick(IpRangeSet usable, IpRangeSet taken, IpRangeSet quarantined, int batchSize)
    {
        IpRangeSet free = usable.Except(taken.Union(quarantined));
        if (free.IsEmpty)
        {
            free = usable.Except(taken);
            if (free.IsEmpty)
            {
                return null;
            }
        }

        int window = Math.Max(16, batchSize * 4);
        UInt128 index = (UInt128)Random.Shared.Next(window) % free.Count;
        return free.AddressAt(index);
    }

    private IpRangeSet Quarantined(IpFamily family, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (IpAddress expired in _recentlyReleased.Where(p => now - p.Value >= options.ReleasedAddressQuarantine).Select(p => p.Key).ToList())
            {
                _recentlyReleased.Remove(expired);
            }

            return IpRangeSet.FromAddresses(family, _recentlyReleased.Keys.Where(a => a.Family == family));
        }
    }

    private sealed class PendingOperation(CompiledPool? pool, IpRangeSet? reserved, AllocationOwner owner, string? releaseIp, CancellationToken cancellationToken)
    {
        public CompiledPool? Pool { get; } = pool;

        public IpRangeSet? Reserved { get; } = reserved;

        public AllocationOwner Owner { get; } = owner;

        public string? ReleaseIp { get; } = releaseIp;

        public TaskCompletionSource<IpAddress> Allocated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<bool> Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CancelIfRequested()
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            if (ReleaseIp is null)
            {
                Allocated.TrySetCanceled(cancellationToken);
            }
            else
            {
                Released.TrySetCanceled(cancellationToken);
            }

            return true;
        }

        public void Fail(Exception error)
        {
            if (ReleaseIp is null)
            {
                Allocated.TrySetException(error);
            }
            else
            {
                Released.TrySetException(error);
            }
        }
    }
}
