using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Which PFs a policy selects; every non-empty field must match.</summary>
public sealed class SriovNetworkNicSelector
{
    [JsonPropertyName("vendor")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Vendor { get; set; }

    [JsonPropertyName("deviceID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceID { get; set; }

    [JsonPropertyName("rootDevices")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? RootDevices { get; set; }

    /// <summary>PF names, each optionally with a VF range <c>name#first-last</c>.</summary>
    [JsonPropertyName("pfNames")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? PfNames { get; set; }

    [JsonPropertyName("netFilter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NetFilter { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
