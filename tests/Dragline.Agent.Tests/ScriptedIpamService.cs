using Dragline.Cni.Agent;

namespace Dragline.Agent.Tests;

/// <summary>
/// A test double of the IPAM service (not the engine): it hands out addresses from a fixed list in
/// order, remembers them per (container, interface), and lets a test hold an allocation at a gate to
/// see what the host does with a request in flight.
/// </summary>
internal sealed class ScriptedIpamService : IAgentIpamService
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _free;
    private readonly Dictionary<(string, string), AgentIpConfig> _held = [];

    public ScriptedIpamService(params string[] addresses)
    {
        _free = new Queue<string>(addresses);
    }

    public bool IsReady { get; set; } = true;

    /// <summary>When set, allocations wait for it before answering (after they were counted as started).</summary>
    public TaskCompletionSource? HoldAllocations { get; set; }

    /// <summary>Completed when an allocation reached the hold.</summary>
    public TaskCompletionSource AllocationStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Exception? FailWith { get; set; }

    public int Committed { get; private set; }

    public async Task<AgentAllocation> AllocateAsync(AgentAllocateRequest request, CancellationToken cancellationToken)
    {
        AllocationStarted.TrySetResult();
        if (HoldAllocations is { } hold)
        {
            await hold.Task;
        }

        if (FailWith is { } failure)
        {
            throw failure;
        }

        lock (_gate)
        {
            if (!_held.TryGetValue((request.ContainerId, request.IfName), out AgentIpConfig? ip))
            {
                if (!_free.TryDequeue(out string? address))
                {
                    throw new AgentRequestException(AgentErrorCodes.PoolExhausted, "all IPv4 IPPools [scripted] are exhausted", ["scripted"]);
                }

                ip = new AgentIpConfig { Interface = request.IfName, Version = 4, Address = address, Pool = "scripted", Gateway = "10.9.0.1" };
                _held[(request.ContainerId, request.IfName)] = ip;
                Committed++;
            }

            return new AgentAllocation { Ips = [ip], Routes = [new AgentRoute { Interface = request.IfName, Dst = "0.0.0.0/0", Gw = "10.9.0.1" }], NodeName = "node-a" };
        }
    }

    public Task<AgentReleaseResponse> ReleaseAsync(AgentReleaseRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_held.Remove((request.ContainerId, request.IfName), out AgentIpConfig? ip))
            {
                return Task.FromResult(new AgentReleaseResponse());
            }

            _free.Enqueue(ip.Address);
            return Task.FromResult(new AgentReleaseResponse
            {
                Released = [new AgentReleasedAddress { ContainerId = request.ContainerId, IfName = request.IfName, Address = ip.Address, Pool = ip.Pool }],
            });
        }
    }

    public Task<AgentAllocation?> GetAsync(AgentAllocationQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_held.TryGetValue((query.ContainerId, query.IfName), out AgentIpConfig? ip)
                ? new AgentAllocation { Ips = [ip] }
                : null);
        }
    }

    public Task<AgentGcResponse> CollectGarbageAsync(AgentGcRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var keep = request.ValidAttachments.Select(a => (a.ContainerId, a.IfName)).ToHashSet();
            var released = new List<AgentReleasedAddress>();
            foreach (((string c, string i), AgentIpConfig ip) in _held.Where(h => !keep.Contains(h.Key)).ToList())
            {
                _held.Remove((c, i));
                _free.Enqueue(ip.Address);
                released.Add(new AgentReleasedAddress { ContainerId = c, IfName = i, Address = ip.Address, Pool = ip.Pool });
            }

            return Task.FromResult(new AgentGcResponse { Released = released });
        }
    }

    public Task<AgentStatus> GetStatusAsync(AgentStatusQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(new AgentStatus
            {
                Ready = true,
                CanAllocate = _free.Count > 0,
                Message = _free.Count > 0 ? null : "all IPv4 IPPools [scripted] are exhausted",
                Pools = [Counts()],
            });
        }
    }

    public Task<IReadOnlyList<AgentPoolStatus>> GetPoolCountsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AgentPoolStatus>>([Counts()]);
        }
    }

    private AgentPoolStatus Counts() => new()
    {
        Name = "scripted",
        IpVersion = 4,
        Total = _free.Count + _held.Count,
        Allocated = _held.Count,
        Free = _free.Count,
    };
}
