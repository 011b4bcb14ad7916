namespace Dragline.Ipam;

/// <summary>
/// One CNI ADD as the agent passes it on (Spiderpool's <c>IpamAddArgs</c>): who the pod is, which
/// interface, and the network's default pools.
/// </summary>
public sealed record AllocationRequest
{
    public required string ContainerId { get; init; }

    public required string IfName { get; init; }

    public string NetNamespace { get; init; } = "";

    public string PodNamespace { get; init; } = "";

    public string PodName { get; init; } = "";

    /// <summary>The pod UID; empty for runtimes without pods (then the container ID is the identity).</summary>
    public string PodUid { get; init; } = "";

    /// <summary>The CNI network (<c>name</c> of the network configuration) making the ADD; recorded so a CNI GC of one network never touches another's.</summary>
    public string Network { get; init; } = "";

    /// <summary>The node; empty means the engine's <see cref="IpamEngineOptions.NodeName"/>.</summary>
    public string Node { get; init; } = "";

    /// <summary>The network's <c>default_ipv4_ippool</c> (names or wildcards).</summary>
    public IReadOnlyList<string> DefaultIPv4Pools { get; init; } = [];

    /// <summary>The network's <c>default_ipv6_ippool</c> (names or wildcards).</summary>
    public IReadOnlyList<string> DefaultIPv6Pools { get; init; } = [];

    /// <summary>The network's <c>clean_gateway</c>: no default route through the pool gateway.</summary>
    public bool CleanGateway { get; init; }
}
