using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Status of a <see cref="SriovNetworkNodeState"/>, as discovered on the node.</summary>
public sealed class SriovNetworkNodeStateStatus
{
    [JsonPropertyName("interfaces")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SriovInterfaceStatus>? Interfaces { get; set; }

    [JsonPropertyName("bridges")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.Nodes.JsonObject? Bridges { get; set; }

    [JsonPropertyName("system")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SriovSystemSpec? System { get; set; }

    /// <summary><c>Succeeded</c>, <c>Failed</c> or <c>InProgress</c>.</summary>
    [JsonPropertyName("syncStatus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SyncStatus { get; set; }

    [JsonPropertyName("lastSyncError")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastSyncError { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
