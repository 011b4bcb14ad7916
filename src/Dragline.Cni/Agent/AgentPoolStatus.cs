using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>Counts of one pool. Counts saturate at <see cref="long.MaxValue"/> (huge IPv6 ranges).</summary>
public sealed class AgentPoolStatus
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>4 or 6.</summary>
    [JsonPropertyName("ipVersion")]
    public required int IpVersion { get; init; }

    [JsonPropertyName("total")]
    public long Total { get; init; }

    [JsonPropertyName("allocated")]
    public long Allocated { get; init; }

    [JsonPropertyName("free")]
    public long Free { get; init; }
}
