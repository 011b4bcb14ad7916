using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>The reply to a GC: what was freed.</summary>
public sealed class AgentGcResponse
{
    [JsonPropertyName("released")]
    public IReadOnlyList<AgentReleasedAddress> Released { get; init; } = [];
}
