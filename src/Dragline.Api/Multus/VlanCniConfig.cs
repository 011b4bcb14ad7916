using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary><c>spec.vlan</c>: a VLAN interface on a master, moved into the pod.</summary>
public sealed class VlanCniConfig : MasterInterfaceCniConfig
{
    /// <summary><c>manual</c> (default; <c>vlanID</c> required) or <c>auto</c> (VLAN comes from the IPAM result; <c>vlanID</c> forbidden).</summary>
    [JsonPropertyName("vlanMode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VlanMode { get; set; }
}
