using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>
/// <c>POST /v1/ipam/gc</c> (CNI GC): release every allocation of <see cref="Network"/> on this node
/// whose (container ID, interface) is not in <see cref="ValidAttachments"/>. Allocations made by
/// other networks or nodes are never touched.
/// </summary>
public sealed class AgentGcRequest
{
    [JsonPropertyName("network")]
    public required string Network { get; init; }

    [JsonPropertyName("validAttachments")]
    public required IReadOnlyList<AgentAttachment> ValidAttachments { get; init; }
}
