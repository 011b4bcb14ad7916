using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>Spec of a <see cref="SpiderReservedIP"/>.</summary>
public sealed class ReservedIPSpec
{
    /// <summary>4 or 6; inferred from <c>ips[0]</c> when absent.</summary>
    [JsonPropertyName("ipVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? IPVersion { get; set; }

    [JsonPropertyName("ips")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? IPs { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
