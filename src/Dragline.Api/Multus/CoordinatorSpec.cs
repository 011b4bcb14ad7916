using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>
/// Coordinator settings: the spec of the SpiderCoordinator singleton and, per network,
/// <c>SpiderMultusConfig.spec.coordinator</c> (where unset fields fall back to the singleton at runtime).
/// </summary>
public sealed class CoordinatorSpec
{
    /// <summary><c>auto</c>, <c>underlay</c>, <c>overlay</c> or <c>disabled</c>.</summary>
    [JsonPropertyName("mode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; set; }

    /// <summary><c>auto</c>, <c>cluster</c>, <c>calico</c>, <c>cilium</c> or <c>none</c>; required on the SpiderCoordinator.</summary>
    [JsonPropertyName("podCIDRType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PodCidrType { get; set; }

    [JsonPropertyName("hijackCIDR")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? HijackCidr { get; set; }

    [JsonPropertyName("policyRoutes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<CoordinatorPolicyRoute>? PolicyRoutes { get; set; }

    /// <summary>Two-byte unicast MAC prefix, e.g. <c>0a:1b</c>.</summary>
    [JsonPropertyName("podMACPrefix")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PodMacPrefix { get; set; }

    [JsonPropertyName("tunePodRoutes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? TunePodRoutes { get; set; }

    [JsonPropertyName("podDefaultRouteNIC")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PodDefaultRouteNic { get; set; }

    [JsonPropertyName("hostRuleTable")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? HostRuleTable { get; set; }

    /// <summary>0, 1 or 2; negative leaves the pod's rp_filter as it is.</summary>
    [JsonPropertyName("podRPFilter")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? PodRpFilter { get; set; }

    [JsonPropertyName("txQueueLen")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TxQueueLen { get; set; }

    [JsonPropertyName("vethLinkAddress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VethLinkAddress { get; set; }

    [JsonPropertyName("vethMTU")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? VethMtu { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
