using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>The spec of a NetworkAttachmentDefinition.</summary>
public sealed class NetworkAttachmentDefinitionSpec
{
    /// <summary>The CNI configuration (a conflist or a single plugin) as a JSON string; absent for an empty custom network.</summary>
    [JsonPropertyName("config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Config { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
