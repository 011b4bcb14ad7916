using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Software bridge management of a policy (switchdev only).</summary>
public sealed class SriovBridge
{
    /// <summary>Kept as JSON; Dragline does not manage software bridges.</summary>
    [JsonPropertyName("ovs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.Nodes.JsonObject? Ovs { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
