using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary><c>spec.ipoib</c>: an IPoIB child of an InfiniBand master.</summary>
public sealed class IpoibCniConfig
{
    [JsonPropertyName("master")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Master { get; set; }

    [JsonPropertyName("ippools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpiderpoolPools? Ippools { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
