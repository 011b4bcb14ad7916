using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>
/// <c>POST /v1/ipam/ip</c>: allocate (or return the existing) addresses of one attachment. The
/// identity of an allocation is (pod UID when known, else container ID; interface); a repeated
/// request for the same attachment returns the same addresses. The agent adds its own node name.
/// </summary>
public sealed class AgentAllocateRequest
{
    /// <summary>CNI_CONTAINERID. Required.</summary>
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    /// <summary>CNI_IFNAME. Required.</summary>
    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }

    /// <summary>CNI_NETNS (a path). Required by CNI for ADD; used by the agent for <see cref="MatchMasterSubnet"/>.</summary>
    [JsonPropertyName("netNamespace")]
    public string? NetNamespace { get; init; }

    /// <summary>The CNI network name (<c>name</c> of the network configuration). Required.</summary>
    [JsonPropertyName("network")]
    public required string Network { get; init; }

    /// <summary>K8S_POD_NAMESPACE from CNI_ARGS; absent outside Kubernetes.</summary>
    [JsonPropertyName("podNamespace")]
    public string? PodNamespace { get; init; }

    /// <summary>K8S_POD_NAME from CNI_ARGS; absent outside Kubernetes.</summary>
    [JsonPropertyName("podName")]
    public string? PodName { get; init; }

    /// <summary>K8S_POD_UID from CNI_ARGS; absent outside Kubernetes.</summary>
    [JsonPropertyName("podUID")]
    public string? PodUid { get; init; }

    /// <summary>The network's IPv4 pools (<c>default_ipv4_ippool</c>; names or shell wildcards), in the user's order.</summary>
    [JsonPropertyName("defaultIPv4IPPool")]
    public IReadOnlyList<string>? DefaultIpv4Pools { get; init; }

    /// <summary>The network's IPv6 pools (<c>default_ipv6_ippool</c>).</summary>
    [JsonPropertyName("defaultIPv6IPPool")]
    public IReadOnlyList<string>? DefaultIpv6Pools { get; init; }

    /// <summary><c>clean_gateway</c>: no default route via the pool gateway. Null: the agent's default (false) or a pod annotation decides.</summary>
    [JsonPropertyName("cleanGateway")]
    public bool? CleanGateway { get; init; }

    /// <summary><c>match_master_subnet</c>: only pools whose subnet is on the VF's PF (SR-IOV rail matching).</summary>
    [JsonPropertyName("matchMasterSubnet")]
    public bool? MatchMasterSubnet { get; init; }

    /// <summary>Specific addresses asked for (capability <c>ips</c> in <c>runtimeConfig</c>, or <c>args.cni.ips</c>); IP or IP/prefix.</summary>
    [JsonPropertyName("requestedIPs")]
    public IReadOnlyList<string>? RequestedIps { get; init; }
}
