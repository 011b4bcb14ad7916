namespace Dragline.Cni.Agent;

/// <summary>
/// <c>GET /v1/ipam/ip?containerID=&amp;ifName=&amp;network=[&amp;podNamespace=&amp;podName=&amp;podUID=]</c>:
/// the allocation of one attachment (CHECK). 404 <c>NotFound</c> when there is none.
/// </summary>
public sealed class AgentAllocationQuery
{
    public required string ContainerId { get; init; }

    public required string IfName { get; init; }

    public required string Network { get; init; }

    public string? PodNamespace { get; init; }

    public string? PodName { get; init; }

    public string? PodUid { get; init; }
}
