using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>
/// The addresses of a pod: the reply to <c>POST /v1/ipam/ip</c> and <c>GET /v1/ipam/ip</c>. May hold
/// entries of several interfaces (a pod whose NICs were all allocated at once); the plugin keeps the
/// entries and routes whose <c>interface</c> is its CNI_IFNAME.
/// </summary>
public sealed class AgentAllocation
{
    [JsonPropertyName("ips")]
    public required IReadOnlyList<AgentIpConfig> Ips { get; init; }

    /// <summary>Routes to install, each naming its interface. Includes the default route unless <see cref="CleanGateway"/>.</summary>
    [JsonPropertyName("routes")]
    public IReadOnlyList<AgentRoute>? Routes { get; init; }

    [JsonPropertyName("dns")]
    public AgentDns? Dns { get; init; }

    /// <summary>Whether the agent left out the default route (from <c>clean_gateway</c> or a pod annotation).</summary>
    [JsonPropertyName("cleanGateway")]
    public bool CleanGateway { get; init; }

    /// <summary>The node the agent runs on (it records it with the allocation).</summary>
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; init; }
}
