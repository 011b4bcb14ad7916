using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>
/// The fields macvlan, ipvlan and vlan share: child interfaces of a host master (a NIC, or a bond of
/// several NICs that the interface creator builds), optionally on a VLAN.
/// </summary>
public abstract class MasterInterfaceCniConfig
{
    /// <summary>Host interfaces; two or more need <see cref="Bond"/>.</summary>
    [JsonPropertyName("master")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Master { get; set; }

    [JsonPropertyName("mtu")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Mtu { get; set; }

    [JsonPropertyName("vlanID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? VlanId { get; set; }

    [JsonPropertyName("bond")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BondConfig? Bond { get; set; }

    /// <summary>The RDMA shared device plugin's resource for this NIC (shared-mode RDMA).</summary>
    [JsonPropertyName("rdmaResourceName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RdmaResourceName { get; set; }

    [JsonPropertyName("ippools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpiderpoolPools? Ippools { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
