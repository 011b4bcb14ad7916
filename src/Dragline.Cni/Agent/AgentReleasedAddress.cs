using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>One address the agent freed.</summary>
public sealed class AgentReleasedAddress
{
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }

    [JsonPropertyName("address")]
    public required string Address { get; init; }

    [JsonPropertyName("pool")]
    public required string Pool { get; init; }
}
