using Dragline.Api.Model.Spiderpool;
using Dragline.Core;
using Dragline.Core.Net;
using Dragline.Ipam.Store;

namespace Dragline.Ipam;

/// <summary>
/// The allocation engine the agent runs behind its unix socket. <see cref="AllocateAsync"/> is a CNI
/// ADD, <see cref="ReleaseAsync"/> a CNI DEL, <see cref="GetAsync"/> a lookup. Rules (docs/ipam.md):
/// an allocation belongs to (pod UID, or container ID without one; interface); a repeated ADD of the
/// same container and interface returns the same addresses; an ADD of the same pod from a new sandbox
/// takes over the pod's addresses; a DEL frees only what its own sandbox holds; a dual-stack or
/// multi-NIC ADD that fails half-way gives back what it took.
/// </summary>
public sealed class IpamEngine
{
    private readonly IIpamStore _store;
    private readonly IIpamObjectSource _objects;
    private readonly IpamEngineOptions _options;
    private readonly KeyedLock _identityLocks = new();
    private readonly Lock _batchersGate = new();
    private readonly Dictionary<string, AllocationBatcher> _batchers = new(StringComparer.Ordinal);

    public IpamEngine(IIpamStore store, IIpamObjectSource objects, IpamEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(objects);
        _store = store;
        _objects = objects;
        _options = options ?? new IpamEngineOptions();
    }

    /// <summary>Allocate the addresses of <paramref name="request"/>'s interface (and, for a multi-NIC annotation, of every interface of the pod).</summary>
    /// <exception cref="DraglineException">
    /// <c>InvalidValue</c> (bad request or annotation), <c>NotFound</c> (no pool available, with Spiderpool's aggregated
    /// filter text), <c>Exhausted</c> (every candidate pool is full), <c>Conflict</c> (store contention; retry), <c>Unavailable</c> (store down).
    /// </exception>
    public async ValueTask<AllocationResult> AllocateAsync(AllocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ContainerId, "containerID");
        Require(request.IfName, "ifName");
        string node = request.Node.Length > 0 ? request.Node : _options.NodeName;
        var owner = new AllocationOwner(request.PodNamespace, request.PodName, request.PodUid, request.ContainerId, request.IfName, node) { Network = request.Network };
        using IDisposable held = await _identityLocks.AcquireAsync(owner.IdentityKey, cancellationToken).ConfigureAwait(false);

        PodMetadata? pod = request.PodNamespace.Length > 0 && request.PodName.Length > 0
            ? await _objects.GetPodAsync(request.PodNamespace, request.PodName, cancellationToken).ConfigureAwait(false)
            : null;
        if (pod is { IsTerminating: true })
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"dead Pod {request.PodNamespace}/{request.PodName}, we cannot allocate IP addresses to it");
        }

        IReadOnlyList<OwnedAllocation> existing = await TakeOverFromOldSandboxAsync(owner, cancellationToken).ConfigureAwait(false);
        (Dictionary<string, CompiledPool> pools, Dictionary<string, string> broken) = await LoadPoolsAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Any(a => a.Record.Owner.Interface == request.IfName))
        {
            return BuildResult(existing, pools, pod, request);
        }

        NamespaceMetadata? ns = request.PodNamespace.Length > 0 ? await _objects.GetNamespaceAsync(request.PodNamespace, cancellationToken).ConfigureAwait(false) : null;
        NodeMetadata? nodeInfo = await _objects.GetNodeAsync(node, cancellationToken).ConfigureAwait(false);
        var context = new PoolSelectionContext(request, node, pod, ns, nodeInfo, pools, broken, _options);
        IReadOnlyList<NicPlan> plans = PoolSelector.Plan(context, existing.Select(a => a.Record.Owner.Interface));
        Dictionary<IpFamily, IpRangeSet> reserved = await LoadReservedAsync(cancellationToken).ConfigureAwait(false);

        var taken = new List<OwnedAllocation>();
        try
        {
            foreach (NicPlan plan in plans)
            {
                AllocationOwner nicOwner = owner with { Interface = plan.Nic };
                foreach (IReadOnlyList<CompiledPool> candidates in new[] { plan.IPv4, plan.IPv6 })
                {
                    if (candidates.Count > 0)
                    {
                        taken.Add(await AllocateFromCandidatesAsync(plan.Nic, candidates, reserved, nicOwner, cancellationToken).ConfigureAwait(false));
                    }
                }
            }
        }
        catch
        {
            // Half success (one family, or some NICs) gives back what it took.
            await Task.WhenAll(taken.Select(t => BatcherFor(t.Pool).ReleaseAsync(t.Record.Ip, t.Record.Owner, CancellationToken.None))).ConfigureAwait(false);
            throw;
        }

        return BuildResult([.. existing, .. taken], pools, pod, request);
    }

    /// <summary>
    /// Release what <paramref name="request"/>'s sandbox holds on its interface (every interface when <see cref="ReleaseRequest.IfName"/>
    /// is empty). Unknown containers and repeated DELs release nothing and succeed. Returns how many addresses were freed.
    /// </summary>
    public async ValueTask<int> ReleaseAsync(ReleaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.ContainerId, "containerID");
        string identity = AllocationOwner.IdentityKeyOf(request.PodUid, request.ContainerId);
        using IDisposable held = await _identityLocks.AcquireAsync(identity, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OwnedAllocation> found = await _store.FindByOwnerAsync(identity, cancellationToken).ConfigureAwait(false);
        OwnedAllocation[] mine = [.. found.Where(a => a.Record.Owner.ContainerId == request.ContainerId
            && (request.IfName.Length == 0 || a.Record.Owner.Interface == request.IfName))];
        bool[] released = await Task.WhenAll(mine.Select(a => BatcherFor(a.Pool).ReleaseAsync(a.Record.Ip, a.Record.Owner, cancellationToken))).ConfigureAwait(false);
        return released.Count(r => r);
    }

    /// <summary>
    /// CNI GC: release every allocation made by <see cref="GarbageCollectionRequest.Network"/> on <see cref="GarbageCollectionRequest.Node"/>
    /// whose (container ID, interface) is not among the valid attachments. Records of other networks or nodes, records
    /// without a network (written before records carried one) and records written after the GC started are never touched;
    /// each release is conditioned on the record's attachment, so an address that meanwhile went to someone else stays.
    /// Returns what was released.
    /// </summary>
    public async ValueTask<IReadOnlyList<OwnedAllocation>> CollectGarbageAsync(GarbageCollectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Network, "network");
        string node = request.Node.Length > 0 ? request.Node : _options.NodeName;
        DateTimeOffset started = _options.TimeProvider.GetUtcNow();
        var valid = new HashSet<(string, string)>(request.ValidAttachments.Select(a => (a.ContainerId, a.IfName)));
        var released = new List<OwnedAllocation>();
        foreach (string pool in await _store.ListPoolsAsync(cancellationToken).ConfigureAwait(false))
        {
            PoolAllocations current = await _store.ReadPoolAsync(pool, cancellationToken).ConfigureAwait(false);
            foreach (AllocationRecord record in current.Records.Values)
            {
                AllocationOwner owner = record.Owner;
                if (owner.Network != request.Network || owner.Node != node || record.AllocatedAt >= started
                    || valid.Contains((owner.ContainerId, owner.Interface)))
                {
                    continue;
                }

                // Under the identity lock no ADD or DEL of this pod runs; the release itself re-checks the holder.
                using IDisposable held = await _identityLocks.AcquireAsync(owner.IdentityKey, cancellationToken).ConfigureAwait(false);
                if (await BatcherFor(pool).ReleaseAsync(record.Ip, owner, cancellationToken).ConfigureAwait(false))
                {
                    released.Add(new OwnedAllocation(pool, record));
                }
            }
        }

        return released;
    }

    /// <summary>The addresses a pod (or, without a pod UID, a container) holds now; <paramref name="containerId"/> narrows to one sandbox when given.</summary>
    public async ValueTask<AllocationResult> GetAsync(string podUid, string containerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(podUid);
        ArgumentNullException.ThrowIfNull(containerId);
        if (podUid.Length == 0 && containerId.Length == 0)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, "a lookup needs a pod UID or a container ID");
        }

        IReadOnlyList<OwnedAllocation> found = await _store.FindByOwnerAsync(AllocationOwner.IdentityKeyOf(podUid, containerId), cancellationToken).ConfigureAwait(false);
        List<OwnedAllocation> selected = [.. found.Where(a => containerId.Length == 0 || a.Record.Owner.ContainerId == containerId)];
        (Dictionary<string, CompiledPool> pools, _) = await LoadPoolsAsync(cancellationToken).ConfigureAwait(false);
        return BuildResult(selected, pools, null, null);
    }

    internal AllocationBatcher BatcherFor(string pool)
    {
        lock (_batchersGate)
        {
            if (!_batchers.TryGetValue(pool, out AllocationBatcher? batcher))
            {
                batcher = new AllocationBatcher(pool, _store, _options);
                _batchers.Add(pool, batcher);
            }

            return batcher;
        }
    }

    /// <summary>
    /// The pod's allocations, after handing those of an older sandbox to this one (the pod's sandbox was re-created:
    /// same pod UID, new container ID). Only when a pod UID is the identity: without one, a new container is a new owner.
    /// </summary>
    private async Task<IReadOnlyList<OwnedAllocation>> TakeOverFromOldSandboxAsync(AllocationOwner owner, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            IReadOnlyList<OwnedAllocation> found = await _store.FindByOwnerAsync(owner.IdentityKey, cancellationToken).ConfigureAwait(false);
            List<OwnedAllocation> stale = [.. found.Where(a => a.Record.Owner.ContainerId != owner.ContainerId)];
            if (stale.Count == 0 || owner.PodUid.Length == 0)
            {
                return [.. found.Where(a => a.Record.Owner.ContainerId == owner.ContainerId)];
            }

            bool allCommitted = true;
            foreach (IGrouping<string, OwnedAllocation> pool in stale.GroupBy(a => a.Pool, StringComparer.Ordinal))
            {
                PoolAllocations current = await _store.ReadPoolAsync(pool.Key, cancellationToken).ConfigureAwait(false);
                AllocationChange[] changes = [.. pool.Select(a => AllocationChange.Replace(a.Record.Owner,
                    a.Record with { Owner = a.Record.Owner with { ContainerId = owner.ContainerId, Node = owner.Node, Network = owner.Network.Length > 0 ? owner.Network : a.Record.Owner.Network } }))];
                CommitResult result = await _store.CommitAsync(pool.Key, current.Version, changes, cancellationToken).ConfigureAwait(false);
                allCommitted &= result.IsCommitted;
            }

            if (allCommitted)
            {
                IReadOnlyList<OwnedAllocation> after = await _store.FindByOwnerAsync(owner.IdentityKey, cancellationToken).ConfigureAwait(false);
                return [.. after.Where(a => a.Record.Owner.ContainerId == owner.ContainerId)];
            }

            if (attempt >= _options.MaxCommitAttempts)
            {
                throw new DraglineException(DraglineErrorReason.Conflict,
                    $"could not hand the addresses of pod {owner.PodReference} to its new sandbox {owner.ContainerId}: the store kept changing; try again");
            }
        }
    }

    private async Task<OwnedAllocation> AllocateFromCandidatesAsync(string nic, IReadOnlyList<CompiledPool> candidates, Dictionary<IpFamily, IpRangeSet> reserved, AllocationOwner owner, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (CompiledPool pool in candidates)
        {
            try
            {
                IpAddress ip = await BatcherFor(pool.Name).AllocateAsync(pool, reserved[pool.Family], owner, cancellationToken).ConfigureAwait(false);
                return new OwnedAllocation(pool.Name, new AllocationRecord(ip.ToString(), owner, _options.TimeProvider.GetUtcNow()));
            }
            catch (DraglineException ex) when (ex.Reason == DraglineErrorReason.Exhausted)
            {
                failures.Add(ex.Message);
            }
        }

        IpFamily family = candidates[0].Family;
        throw new DraglineException(DraglineErrorReason.Exhausted,
            $"failed to allocate any IPv{(int)family} IP address to NIC {nic} from IPPools [{string.Join(' ', candidates.Select(c => c.Name))}]: {string.Join("; ", failures)}");
    }

    private async Task<(Dictionary<string, CompiledPool> Pools, Dictionary<string, string> Broken)> LoadPoolsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<SpiderIPPool> listed = await _objects.ListPoolsAsync(cancellationToken).ConfigureAwait(false);
        var pools = new Dictionary<string, CompiledPool>(StringComparer.Ordinal);
        var broken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (SpiderIPPool pool in listed)
        {
            try
            {
                CompiledPool compiled = CompiledPool.Compile(pool);
                pools[compiled.Name] = compiled;
            }
            catch (DraglineException ex)
            {
                broken[pool.Metadata.Name ?? ""] = ex.Message;
            }
        }

        return (pools, broken);
    }

    private async Task<Dictionary<IpFamily, IpRangeSet>> LoadReservedAsync(CancellationToken cancellationToken)
    {
        var reserved = new Dictionary<IpFamily, IpRangeSet> { [IpFamily.V4] = IpRangeSet.Empty(IpFamily.V4), [IpFamily.V6] = IpRangeSet.Empty(IpFamily.V6) };
        foreach (SpiderReservedIP item in await _objects.ListReservedIPsAsync(cancellationToken).ConfigureAwait(false))
        {
            List<string> ips = item.Spec.IPs ?? [];
            if (ips.Count == 0)
            {
                continue;
            }

            IpFamily family = item.Spec.IPVersion is 6 || (item.Spec.IPVersion is null && ips[0].Contains(':', StringComparison.Ordinal)) ? IpFamily.V6 : IpFamily.V4;
            if (!IpRangeSet.TryParse(family, ips, out IpRangeSet? set, out string? error))
            {
                throw new DraglineException(DraglineErrorReason.Malformed,
                    $"SpiderReservedIP {item.Metadata.Name}: {error}; fix it, since no address can be handed out while a reservation cannot be read");
            }

            reserved[family] = reserved[family].Union(set);
        }

        return reserved;
    }

    private static AllocationResult BuildResult(IReadOnlyList<OwnedAllocation> allocations, Dictionary<string, CompiledPool> pools, PodMetadata? pod, AllocationRequest? request)
    {
        var addresses = new List<AllocatedAddress>();
        var routes = new List<IpamRoute>();
        var warnings = new List<string>();
        var subnets = new List<(string Nic, IpCidr Subnet)>();
        foreach (OwnedAllocation allocation in allocations.OrderBy(a => a.Record.Owner.Interface, StringComparer.Ordinal).ThenBy(a => a.Record.Ip.Contains(':', StringComparison.Ordinal)))
        {
            string nic = allocation.Record.Owner.Interface;
            IpAddress ip = IpAddress.Parse(allocation.Record.Ip);
            pools.TryGetValue(allocation.Pool, out CompiledPool? pool);
            int prefix = pool?.Subnet.PrefixLength ?? ip.BitLength;
            bool clean = request is not null && CleanGatewayFor(nic, pod, request);
            IpAddress? gateway = clean ? null : pool?.Gateway;
            addresses.Add(new AllocatedAddress(nic, new IpCidr(ip, prefix), allocation.Pool, gateway));
            if (pool is null)
            {
                continue;
            }

            subnets.Add((nic, pool.Subnet));
            if (gateway is { } gw)
            {
                routes.Add(new IpamRoute(nic, ip.IsV4 ? "0.0.0.0/0" : "::/0", gw.ToString()));
            }

            routes.AddRange(pool.Routes.Where(r => r.Dst is not null && r.Gw is not null).Select(r => new IpamRoute(nic, r.Dst!, r.Gw!)));
        }

        if (pod is not null && pod.Annotations.TryGetValue(IpamAnnotations.Routes, out string? custom) && !string.IsNullOrWhiteSpace(custom))
        {
            foreach (CustomRoute route in IpamAnnotationParser.ParseRoutes(custom))
            {
                IpAddress gw = IpAddress.Parse(route.Gw);
                (string Nic, IpCidr Subnet)? owner = subnets.Cast<(string Nic, IpCidr Subnet)?>().FirstOrDefault(s => s!.Value.Subnet.Contains(gw));
                if (owner is null)
                {
                    warnings.Add($"route {route.Dst} via {route.Gw} from {IpamAnnotations.Routes} matches no allocated interface's subnet; dropped");
                }
                else
                {
                    routes.Add(new IpamRoute(owner.Value.Nic, route.Dst, route.Gw));
                }
            }
        }

        return new AllocationResult(addresses, routes, warnings);
    }

    private static bool CleanGatewayFor(string nic, PodMetadata? pod, AllocationRequest request)
    {
        if (pod is not null)
        {
            if (pod.Annotations.TryGetValue(IpamAnnotations.IPPools, out string? multi) && !string.IsNullOrWhiteSpace(multi))
            {
                NicPoolRequest? item = IpamAnnotationParser.ParseIPPools(multi, request.IfName).FirstOrDefault(i => i.Nic == nic);
                return item?.CleanGateway ?? request.CleanGateway;
            }

            if (pod.Annotations.TryGetValue(IpamAnnotations.IPPool, out string? single) && !string.IsNullOrWhiteSpace(single))
            {
                return IpamAnnotationParser.ParseIPPool(single, nic).CleanGateway ?? request.CleanGateway;
            }
        }

        return request.CleanGateway;
    }

    private static void Require(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"the request has no {field}; the CNI runtime must pass it");
        }
    }
}
