using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>The reply to a release: what was freed (empty when nothing was held).</summary>
public sealed class AgentReleaseResponse
{
    [JsonPropertyName("released")]
    public IReadOnlyList<AgentReleasedAddress> Released { get; init; } = [];
}
