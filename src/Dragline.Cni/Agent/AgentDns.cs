using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>DNS settings the agent hands out with an allocation (usually none).</summary>
public sealed class AgentDns
{
    [JsonPropertyName("nameservers")]
    public IReadOnlyList<string>? Nameservers { get; init; }

    [JsonPropertyName("domain")]
    public string? Domain { get; init; }

    [JsonPropertyName("search")]
    public IReadOnlyList<string>? Search { get; init; }

    [JsonPropertyName("options")]
    public IReadOnlyList<string>? Options { get; init; }
}
