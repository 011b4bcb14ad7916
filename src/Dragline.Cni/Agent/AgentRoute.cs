using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>A route for one interface.</summary>
public sealed class AgentRoute
{
    [JsonPropertyName("interface")]
    public required string Interface { get; init; }

    /// <summary>Destination CIDR, e.g. "0.0.0.0/0".</summary>
    [JsonPropertyName("dst")]
    public required string Dst { get; init; }

    /// <summary>Next hop; absent for an on-link route.</summary>
    [JsonPropertyName("gw")]
    public string? Gw { get; init; }
}
