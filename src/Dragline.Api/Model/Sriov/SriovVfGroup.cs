using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>A range of VFs of one PF given to one resource.</summary>
public sealed class SriovVfGroup
{
    [JsonPropertyName("resourceName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResourceName { get; set; }

    [JsonPropertyName("deviceType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceType { get; set; }

    /// <summary><c>first-last</c>, inclusive.</summary>
    [JsonPropertyName("vfRange")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VfRange { get; set; }

    [JsonPropertyName("policyName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PolicyName { get; set; }

    [JsonPropertyName("mtu")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Mtu { get; set; }

    [JsonPropertyName("isRdma")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsRdma { get; set; }

    [JsonPropertyName("vdpaType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VdpaType { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
