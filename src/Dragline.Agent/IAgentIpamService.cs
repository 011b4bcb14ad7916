using Dragline.Cni.Agent;

namespace Dragline.Agent;

/// <summary>
/// What the agent's HTTP API calls: the node's IPAM, one method per endpoint of the agent protocol
/// (<see cref="AgentPaths"/>). Failures are thrown as <see cref="AgentRequestException"/> (with the
/// protocol's error code) or <see cref="Core.DraglineException"/> (mapped by its reason); anything else
/// is answered as <c>Internal</c>.
/// </summary>
public interface IAgentIpamService
{
    /// <summary>True once the objects the service needs are loaded and the store answered (<c>/readyz</c>).</summary>
    bool IsReady { get; }

    /// <summary><c>POST /v1/ipam/ip</c>. Returns only after the allocation is committed to the store.</summary>
    Task<AgentAllocation> AllocateAsync(AgentAllocateRequest request, CancellationToken cancellationToken);

    /// <summary><c>DELETE /v1/ipam/ip</c>. Releasing something unknown succeeds with nothing released.</summary>
    Task<AgentReleaseResponse> ReleaseAsync(AgentReleaseRequest request, CancellationToken cancellationToken);

    /// <summary><c>GET /v1/ipam/ip</c>: the attachment's allocation, or null (404 <c>NotFound</c>).</summary>
    Task<AgentAllocation?> GetAsync(AgentAllocationQuery query, CancellationToken cancellationToken);

    /// <summary><c>POST /v1/ipam/gc</c>.</summary>
    Task<AgentGcResponse> CollectGarbageAsync(AgentGcRequest request, CancellationToken cancellationToken);

    /// <summary><c>GET /v1/status</c>.</summary>
    Task<AgentStatus> GetStatusAsync(AgentStatusQuery query, CancellationToken cancellationToken);

    /// <summary>Counts of every pool the service knows, for the metrics endpoint.</summary>
    Task<IReadOnlyList<AgentPoolStatus>> GetPoolCountsAsync(CancellationToken cancellationToken);
}
