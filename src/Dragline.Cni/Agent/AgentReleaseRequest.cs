using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>
/// <c>DELETE /v1/ipam/ip</c>: release the addresses of one attachment. Releasing something unknown
/// succeeds with an empty <see cref="AgentReleaseResponse.Released"/>. The agent releases only
/// records whose container ID (and pod UID, when both sides know it) match, so a stale DEL cannot
/// free an address that a newer pod of the same name now holds.
/// </summary>
public sealed class AgentReleaseRequest
{
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    [JsonPropertyName("ifName")]
    public required string IfName { get; init; }

    [JsonPropertyName("network")]
    public required string Network { get; init; }

    [JsonPropertyName("netNamespace")]
    public string? NetNamespace { get; init; }

    [JsonPropertyName("podNamespace")]
    public string? PodNamespace { get; init; }

    [JsonPropertyName("podName")]
    public string? PodName { get; init; }

    [JsonPropertyName("podUID")]
    public string? PodUid { get; init; }
}
