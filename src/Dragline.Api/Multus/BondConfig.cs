using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>A bond the interface creator builds from several masters.</summary>
public sealed class BondConfig
{
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    /// <summary>Linux bonding mode 0–6.</summary>
    [JsonPropertyName("mode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Mode { get; set; }

    /// <summary>Bonding options as <c>"k1=v1;k2=v2"</c>.</summary>
    [JsonPropertyName("options")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Options { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
