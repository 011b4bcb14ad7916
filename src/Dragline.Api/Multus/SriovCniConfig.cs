using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary><c>spec.sriov</c>: one Ethernet SR-IOV VF per pod (exclusive-mode RoCE).</summary>
public sealed class SriovCniConfig
{
    /// <summary>The device plugin resource the VF comes from, e.g. <c>spidernet.io/mellanoxrdma</c>.</summary>
    [JsonPropertyName("resourceName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResourceName { get; set; }

    [JsonPropertyName("vlanID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? VlanId { get; set; }

    /// <summary>VF MTU, applied by a chained <c>tuning</c> plugin.</summary>
    [JsonPropertyName("mtu")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Mtu { get; set; }

    [JsonPropertyName("minTxRateMbps")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinTxRateMbps { get; set; }

    [JsonPropertyName("maxTxRateMbps")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxTxRateMbps { get; set; }

    /// <summary>Chain the RDMA plugin so the VF's RDMA device moves into the pod.</summary>
    [JsonPropertyName("rdmaIsolation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RdmaIsolation { get; set; }

    [JsonPropertyName("ippools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpiderpoolPools? Ippools { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
