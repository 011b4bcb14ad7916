using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>The spec of a SpiderMultusConfig (Spiderpool <c>MultusCNIConfigSpec</c>).</summary>
public sealed class SpiderMultusConfigSpec
{
    /// <summary>One of <see cref="CniTypes"/>; the defaulter sets <c>custom</c> when absent.</summary>
    [JsonPropertyName("cniType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CniType { get; set; }

    [JsonPropertyName("macvlan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MacvlanCniConfig? Macvlan { get; set; }

    [JsonPropertyName("ipvlan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IpvlanCniConfig? Ipvlan { get; set; }

    [JsonPropertyName("vlan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VlanCniConfig? Vlan { get; set; }

    [JsonPropertyName("sriov")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SriovCniConfig? Sriov { get; set; }

    [JsonPropertyName("ovs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OvsCniConfig? Ovs { get; set; }

    [JsonPropertyName("ibsriov")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IbSriovCniConfig? IbSriov { get; set; }

    [JsonPropertyName("ipoib")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IpoibCniConfig? Ipoib { get; set; }

    /// <summary>Default true; forced false for <c>custom</c>.</summary>
    [JsonPropertyName("enableCoordinator")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? EnableCoordinator { get; set; }

    [JsonPropertyName("disableIPAM")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DisableIpam { get; set; }

    /// <summary>Per-network coordinator settings; unset fields fall back to the SpiderCoordinator at runtime.</summary>
    [JsonPropertyName("coordinator")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CoordinatorSpec? Coordinator { get; set; }

    /// <summary>Extra CNI plugins, each one plugin's JSON, chained after the main plugin and before the coordinator.</summary>
    [JsonPropertyName("chainCNIJsonData")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ChainCniJsonData { get; set; }

    /// <summary>For <c>custom</c> only: the whole CNI configuration, used verbatim.</summary>
    [JsonPropertyName("customCNI")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomCni { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
