using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Node-wide settings of a node state.</summary>
public sealed class SriovSystemSpec
{
    /// <summary><c>shared</c> or <c>exclusive</c>.</summary>
    [JsonPropertyName("rdmaMode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RdmaMode { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
