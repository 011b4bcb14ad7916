using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Sriov;

/// <summary>Spec of a <see cref="SriovNetworkNodePolicy"/>.</summary>
public sealed class SriovNetworkNodePolicySpec
{
    /// <summary>Device-plugin resource name without prefix.</summary>
    [JsonPropertyName("resourceName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResourceName { get; set; }

    [JsonPropertyName("nodeSelector")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? NodeSelector { get; set; }

    /// <summary>0..99, lower number wins; defaults to 99.</summary>
    [JsonPropertyName("priority")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Priority { get; set; }

    [JsonPropertyName("mtu")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Mtu { get; set; }

    [JsonPropertyName("needVhostNet")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NeedVhostNet { get; set; }

    [JsonPropertyName("numVfs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? NumVfs { get; set; }

    [JsonPropertyName("nicSelector")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SriovNetworkNicSelector? NicSelector { get; set; }

    /// <summary><c>netdevice</c> (default) or <c>vfio-pci</c>.</summary>
    [JsonPropertyName("deviceType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceType { get; set; }

    [JsonPropertyName("isRdma")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsRdma { get; set; }

    [JsonPropertyName("linkType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LinkType { get; set; }

    [JsonPropertyName("eSwitchMode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ESwitchMode { get; set; }

    [JsonPropertyName("vdpaType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VdpaType { get; set; }

    [JsonPropertyName("excludeTopology")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ExcludeTopology { get; set; }

    [JsonPropertyName("externallyManaged")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? ExternallyManaged { get; set; }

    [JsonPropertyName("bridge")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SriovBridge? Bridge { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
