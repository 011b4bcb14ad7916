using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary><c>spec.ibsriov</c>: one InfiniBand SR-IOV VF per pod.</summary>
public sealed class IbSriovCniConfig
{
    [JsonPropertyName("resourceName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ResourceName { get; set; }

    /// <summary>InfiniBand partition key, a string such as <c>"0x1000"</c>.</summary>
    [JsonPropertyName("pkey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pkey { get; set; }

    /// <summary><c>auto</c>, <c>enable</c> (default) or <c>disable</c>.</summary>
    [JsonPropertyName("linkState")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LinkState { get; set; }

    /// <summary>Default true: the plugin moves the VF's RDMA device into the pod.</summary>
    [JsonPropertyName("rdmaIsolation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? RdmaIsolation { get; set; }

    [JsonPropertyName("enableIbKubernetes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? EnableIbKubernetes { get; set; }

    [JsonPropertyName("ippools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpiderpoolPools? Ippools { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
