using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model;

/// <summary>A route: destination CIDR and gateway, as in <c>spec.routes</c> of pools.</summary>
public sealed class Route
{
    /// <summary>Destination CIDR (bare IPs are not normalised here).</summary>
    [JsonPropertyName("dst")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Dst { get; set; }

    /// <summary>Next-hop gateway address.</summary>
    [JsonPropertyName("gw")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gw { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
