using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>The current allocation of a pod: its UID, node and one entry per interface.</summary>
public sealed class PodIPAllocation
{
    [JsonPropertyName("uid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Uid { get; set; }

    [JsonPropertyName("node")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Node { get; set; }

    [JsonPropertyName("ips")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<IPAllocationDetail>? IPs { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
