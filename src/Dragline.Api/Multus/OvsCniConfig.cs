using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary><c>spec.ovs</c>: a port on an Open vSwitch bridge.</summary>
public sealed class OvsCniConfig
{
    [JsonPropertyName("bridge")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Bridge { get; set; }

    /// <summary>Access VLAN tag.</summary>
    [JsonPropertyName("vlan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Vlan { get; set; }

    [JsonPropertyName("trunk")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<OvsTrunk>? Trunk { get; set; }

    /// <summary>PCI address of a VF for hardware offload, e.g. <c>0000:af:00.2</c>.</summary>
    [JsonPropertyName("deviceID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceId { get; set; }

    [JsonPropertyName("ippools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpiderpoolPools? Ippools { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
