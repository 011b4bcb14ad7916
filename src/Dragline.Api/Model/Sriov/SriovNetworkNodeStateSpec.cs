using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Spec of a <see cref="SriovNetworkNodeState"/>.</summary>
public sealed class SriovNetworkNodeStateSpec
{
    [JsonPropertyName("interfaces")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SriovInterfaceSpec>? Interfaces { get; set; }

    [JsonPropertyName("bridges")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.Nodes.JsonObject? Bridges { get; set; }

    [JsonPropertyName("system")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SriovSystemSpec? System { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
