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
    private PoolIndex? _index;
    private int _stripe;
    private UInt128 _stripeCursor;
    private DateTimeOffset _contendedUntil = DateTimeOffset.MinValue;
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

            PoolIndex index = await RefreshIndexAsync().ConfigureAwait(false);
            DateTimeOffset now = options.TimeProvider.GetUtcNow();
            var changes = new List<AllocationChange>();
            var picks = new List<(PendingOperation Operation, IpAddress Ip)>();
            var families = new Dictionary<IpFamily, FamilyPicks>();
            foreach (PendingOperation operation in batch.ToList())
            {
                if (operation.ReleaseIp is { } releaseIp)
                {
                    changes.Add(AllocationChange.Release(releaseIp, operation.Owner));
                    continue;
                }

                CompiledPool compiled = operation.Pool!;
                if (index.HeldBy(operation.Owner, compiled.Family) is { } existing)
                {
                    // A concurrent duplicate ADD of the same attachment already got an address here.
                    operation.Allocated.TrySetResult(existing);
                    batch.Remove(operation);
                    continue;
                }

                if (!families.TryGetValue(compiled.Family, out FamilyPicks? family))
                {
                    family = new FamilyPicks(index.Taken(compiled.Family), Quarantined(compiled.Family, now));
                    families.Add(compiled.Family, family);
                }

                family.AddReserved(operation.Reserved!);
                IpAddress? ip = attempt == 1 && now >= _contendedUntil
                    ? compiled.Usable.LowestNotIn(family.TakenOrQuarantined) ?? compiled.Usable.LowestNotIn(family.Taken)
                    : StripePick(compiled.Usable, family.TakenOrQuarantined) ?? SpreadPick(compiled.Usable, family.Taken, family.TakenOrQuarantined, batch.Count);
                if (ip is null)
                {
                    operation.Fail(new DraglineException(DraglineErrorReason.Exhausted, $"IPPool {pool}: all IP addresses used out"));
                    batch.Remove(operation);
                    continue;
                }

                family.Pick(ip.Value);
                picks.Add((operation, ip.Value));
                changes.Add(AllocationChange.Reserve(new AllocationRecord(ip.Value.ToString(), operation.Owner, now)));
            }

            if (changes.Count == 0)
            {
                return;
            }

            CommitResult result;
            try
            {
                result = await store.CommitAsync(pool, index.Version, changes).ConfigureAwait(false);
            }
            catch
            {
                // The outcome is unknown (the store may have applied it): read the pool whole next time.
                _index = null;
                throw;
            }

            options.CommitObserver?.Invoke(new CommitObservation(pool, changes.Count, result.IsCommitted, result.IsCommitted ? 0 : Math.Max(1, result.Conflicts.Count)));
            if (result.IsCommitted)
            {
                Interlocked.Increment(ref _commits);
                index.Apply(changes);
                if (result.PreviousVersion is { } previous && previous == index.Version)
                {
                    // Nobody wrote between our view and our commit: the copy is the pool at the new version.
                    index.Version = result.Version;
                }

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

            // What the conflicts reveal is current; the next refresh brings the rest.
            foreach (RecordConflict conflict in result.Conflicts)
            {
                if (conflict.Current is { } current)
                {
                    index.Put(current);
                }
                else
                {
                    index.Remove(conflict.Change.Ip);
                }
            }

            // Another writer got there first: until the pool has been quiet for a while, pick in a stripe of our own.
            _stripe = Random.Shared.Next(Stripes);
            _stripeCursor = UInt128.Zero;
            _contendedUntil = now + ContentionMemory;

            // Back off for a random moment so the writers stop colliding in lockstep.
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
    /// The pool's records as the store holds them now: the kept copy, brought current by the store's change report when
    /// the store gives one (<see cref="IPoolChangeReader"/>), else a whole read.
    /// </summary>
    private async Task<PoolIndex> RefreshIndexAsync()
    {
        if (_index is { } index && store is IPoolChangeReader reader)
        {
            PoolChanges changes = await reader.ReadPoolChangesAsync(pool, index.Version).ConfigureAwait(false);
            if (changes.IsUnchanged)
            {
                return index;
            }

            if (changes.Full is { } full)
            {
                return _index = PoolIndex.From(full);
            }

            foreach (AllocationRecord record in changes.Changed)
            {
                index.Put(record);
            }

            if (index.Count == changes.RecordCount)
            {
                index.Version = changes.Version;
                return index;
            }

            // Something was deleted that the copy still holds: read the pool whole.
        }

        PoolAllocations current = await store.ReadPoolAsync(pool).ConfigureAwait(false);
        return _index = PoolIndex.From(current);
    }

    /// <summary>How many stripes a contended pool is cut into (addresses whose value modulo this is the stripe number).</summary>
    private const int Stripes = 16;

    /// <summary>How long after a conflict this batcher keeps picking in its own stripe.</summary>
    private static readonly TimeSpan ContentionMemory = TimeSpan.FromSeconds(5);

    /// <summary>
    /// While writers on other nodes contend for the pool (a conflict in the last <see cref="ContentionMemory"/>): the
    /// lowest free address whose value modulo <see cref="Stripes"/> is this batcher's stripe, chosen at random after each
    /// conflict. Writers that all pick "the lowest free addresses" collide on every batch, and one collision refuses a
    /// whole batch; in stripes of their own they settle apart within a few conflicts while still filling the pool from
    /// the bottom. Null when the stripe has no free address near (the caller then spreads over the lowest free ones).
    /// </summary>
    private IpAddress? StripePick(IpRangeSet usable, IpRangeSet blocked)
    {
        IpAddress? lowest = usable.LowestNotIn(blocked);
        if (lowest is not { } first)
        {
            return null;
        }

        IpFamily family = first.Family;
        UInt128 max = IpAddress.MaxValue(family).Value;
        IpAddress? candidate = _stripeCursor > first.Value ? usable.LowestAtOrAfterNotIn(new IpAddress(family, _stripeCursor), blocked) : first;
        for (int step = 0; step < 64 && candidate is { } c; step++)
        {
            UInt128 residue = c.Value % Stripes;
            UInt128 stripe = (UInt128)_stripe;
            if (residue == stripe)
            {
                _stripeCursor = c.Value + Stripes;
                return c;
            }

            UInt128 distance = (stripe + Stripes - residue) % Stripes;
            if (max - c.Value < distance)
            {
                return null;
            }

            candidate = usable.LowestAtOrAfterNotIn(new IpAddress(family, c.Value + distance), blocked);
        }

        return null;
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
            if (_recentlyReleased.Count == 0)
            {
                return IpRangeSet.Empty(family);
            }

            foreach (IpAddress expired in _recentlyReleased.Where(p => now - p.Value >= options.ReleasedAddressQuarantine).Select(p => p.Key).ToList())
            {
                _recentlyReleased.Remove(expired);
            }

            return IpRangeSet.FromAddresses(family, _recentlyReleased.Keys.Where(a => a.Family == family));
        }
    }

    /// <summary>One family's view while a batch picks: the taken (plus reserved) addresses, and the same plus the quarantined ones.</summary>
    private sealed class FamilyPicks(IpRangeSet taken, IpRangeSet quarantined)
    {
        private IpRangeSet? _lastReserved;

        public IpRangeSet Taken { get; private set; } = taken;

        public IpRangeSet TakenOrQuarantined { get; private set; } = taken.Union(quarantined);

        public void AddReserved(IpRangeSet reserved)
        {
            if (ReferenceEquals(reserved, _lastReserved) || reserved.IsEmpty)
            {
                return;
            }

            _lastReserved = reserved;
            Taken = Taken.Union(reserved);
            TakenOrQuarantined = TakenOrQuarantined.Union(reserved);
        }

        public void Pick(IpAddress ip)
        {
            IpRangeSet one = IpRangeSet.FromAddress(ip);
            Taken = Taken.Union(one);
            TakenOrQuarantined = TakenOrQuarantined.Union(one);
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
