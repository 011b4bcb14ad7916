using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>An attachment still in use (GC keeps its addresses).</summary>
public sealed class AgentAttachment
{
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }
}
