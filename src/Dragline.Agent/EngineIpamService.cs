using System.IO.Enumeration;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Validation;
using Dragline.Cni.Agent;
using Dragline.Ipam;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.Agent;

/// <summary>
/// The agent protocol served by the allocation engine (<see cref="IpamEngine"/>): translates the wire types,
/// and answers status and pool counts from the object cache and the store's records.
/// </summary>
public sealed partial class EngineIpamService : IAgentIpamService
{
    private readonly IpamEngine _engine;
    private readonly IIpamStore _store;
    private readonly StoreObjectSource _objects;
    private readonly string _nodeName;
    private readonly ILogger _logger;

    public EngineIpamService(IpamEngine engine, IIpamStore store, StoreObjectSource objects, string nodeName, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        _engine = engine;
        _store = store;
        _objects = objects;
        _nodeName = nodeName;
        _logger = logger ?? NullLogger.Instance;
    }

    public bool IsReady => _objects.IsSynced;

    public async Task<AgentAllocation> AllocateAsync(AgentAllocateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AllocationResult result = await _engine.AllocateAsync(new AllocationRequest
        {
            ContainerId = request.ContainerId,
            IfName = request.IfName,
            NetNamespace = request.NetNamespace ?? "",
            PodNamespace = request.PodNamespace ?? "",
            PodName = request.PodName ?? "",
            PodUid = request.PodUid ?? "",
            Node = _nodeName,
            Network = request.Network,
            DefaultIPv4Pools = request.DefaultIpv4Pools ?? [],
            DefaultIPv6Pools = request.DefaultIpv6Pools ?? [],
            CleanGateway = request.CleanGateway ?? false,
        }, cancellationToken).ConfigureAwait(false);
        foreach (string warning in result.Warnings)
        {
            LogWarning(_logger, request.ContainerId, request.IfName, warning);
        }

        return ToWire(result, request.CleanGateway ?? false);
    }

    public async Task<AgentReleaseResponse> ReleaseAsync(AgentReleaseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The engine answers how many it freed; read what this sandbox holds first so the reply can name them.
        AllocationResult held = await _engine.GetAsync(request.PodUid ?? "", request.ContainerId, cancellationToken).ConfigureAwait(false);
        int freed = await _engine.ReleaseAsync(new ReleaseRequest
        {
            ContainerId = request.ContainerId,
            IfName = request.IfName,
            PodNamespace = request.PodNamespace ?? "",
            PodName = request.PodName ?? "",
            PodUid = request.PodUid ?? "",
        }, cancellationToken).ConfigureAwait(false);
        if (freed == 0)
        {
            return new AgentReleaseResponse();
        }

        return new AgentReleaseResponse
        {
            Released = [.. held.Addresses.Where(a => a.Nic == request.IfName).Select(a => new AgentReleasedAddress
            {
                ContainerId = request.ContainerId,
                IfName = a.Nic,
                Address = a.Address.Address.ToString(),
                Pool = a.Pool,
            })],
        };
    }

    public async Task<AgentAllocation?> GetAsync(AgentAllocationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        AllocationResult result = await _engine.GetAsync(query.PodUid ?? "", query.ContainerId, cancellationToken).ConfigureAwait(false);
        if (!result.Addresses.Any(a => a.Nic == query.IfName))
        {
            return null;
        }

        return ToWire(result, cleanGateway: false);
    }

    public async Task<AgentGcResponse> CollectGarbageAsync(AgentGcRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Only records of this network on this node are candidates; records without a network (older ones) are never released.
        IReadOnlyList<OwnedAllocation> released = await _engine.CollectGarbageAsync(new GarbageCollectionRequest
        {
            Network = request.Network,
            Node = _nodeName,
            ValidAttachments = [.. request.ValidAttachments.Select(a => new GarbageCollectionAttachment(a.ContainerId, a.IfName))],
        }, cancellationToken).ConfigureAwait(false);
        LogGc(_logger, request.Network, request.ValidAttachments.Count, released.Count);
        return new AgentGcResponse
        {
            Released = [.. released.Select(a => new AgentReleasedAddress
            {
                ContainerId = a.Record.Owner.ContainerId,
                IfName = a.Record.Owner.Interface,
                Address = a.Record.Ip,
                Pool = a.Pool,
            })],
        };
    }

    public async Task<AgentStatus> GetStatusAsync(AgentStatusQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<SpiderIPPool> pools = await _objects.ListPoolsAsync(cancellationToken).ConfigureAwait(false);
        var counted = new List<(AgentPoolStatus Status, bool Disabled)>();
        var problems = new List<string>();
        foreach ((int version, IReadOnlyList<string>? patterns) in new[] { (4, query.DefaultIpv4Pools), (6, query.DefaultIpv6Pools) })
        {
            List<SpiderIPPool> candidates = patterns is { Count: > 0 }
                ? [.. pools.Where(p => p.Spec.IPVersion == version && patterns.Any(pattern => Matches(pattern, p.Metadata.Name ?? "")))]
                : [.. pools.Where(p => p.Spec.IPVersion == version && p.Spec.Default == true)];
            if (candidates.Count == 0)
            {
                if (patterns is { Count: > 0 })
                {
                    problems.Add($"no IPv{version} IPPool matches [{string.Join(' ', patterns)}]");
                }

                continue;
            }

            var family = new List<(AgentPoolStatus Status, bool Disabled)>();
            foreach (SpiderIPPool pool in candidates)
            {
                family.Add(await CountAsync(pool, cancellationToken).ConfigureAwait(false));
            }

            counted.AddRange(family);
            if (family.All(p => p.Disabled || p.Status.Free <= 0))
            {
                problems.Add($"all IPv{version} IPPools [{string.Join(' ', family.Select(p => p.Status.Name))}] are exhausted or disabled");
            }
        }

        return new AgentStatus
        {
            Ready = true,
            CanAllocate = problems.Count == 0 && counted.Count > 0,
            Message = problems.Count > 0 ? string.Join("; ", problems) : counted.Count == 0 ? "no IPPool is a candidate for this network" : null,
            NodeName = _nodeName,
            Pools = [.. counted.Select(c => c.Status)],
        };
    }

    public async Task<IReadOnlyList<AgentPoolStatus>> GetPoolCountsAsync(CancellationToken cancellationToken)
    {
        var result = new List<AgentPoolStatus>();
        foreach (SpiderIPPool pool in await _objects.ListPoolsAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add((await CountAsync(pool, cancellationToken).ConfigureAwait(false)).Status);
        }

        return result;
    }

    private async Task<(AgentPoolStatus Status, bool Disabled)> CountAsync(SpiderIPPool pool, CancellationToken cancellationToken)
    {
        string name = pool.Metadata.Name ?? "";
        PoolAllocations records = await _store.ReadPoolAsync(name, cancellationToken).ConfigureAwait(false);
        UInt128 total = SpiderIPPoolValidator.TotalIPCount(pool.Spec) ?? 0;
        long totalCount = (long)UInt128.Min(total, long.MaxValue);
        long allocated = records.Records.Count;
        return (new AgentPoolStatus
        {
            Name = name,
            IpVersion = (int)(pool.Spec.IPVersion ?? 4),
            Total = totalCount,
            Allocated = allocated,
            Free = Math.Max(0, totalCount - allocated),
        }, pool.Spec.Disable == true);
    }

    private static bool Matches(string pattern, string name) =>
        pattern == name || FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false);

    private AgentAllocation ToWire(AllocationResult result, bool cleanGateway) => new()
    {
        Ips = [.. result.Addresses.Select(a => new AgentIpConfig
        {
            Interface = a.Nic,
            Version = a.Version,
            Address = a.Address.ToString(),
            Pool = a.Pool,
            Gateway = a.Gateway?.ToString(),
        })],
        Routes = [.. result.Routes.Select(r => new AgentRoute { Interface = r.IfName, Dst = r.Dst, Gw = string.IsNullOrEmpty(r.Gw) ? null : r.Gw })],
        CleanGateway = cleanGateway,
        NodeName = _nodeName,
    };

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "allocation of {ContainerId}/{IfName}: {Warning}")]
    private static partial void LogWarning(ILogger logger, string containerId, string ifName, string warning);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "GC of network {Network} ({Valid} valid attachments): released {Released}")]
    private static partial void LogGc(ILogger logger, string network, int valid, int released);
}
