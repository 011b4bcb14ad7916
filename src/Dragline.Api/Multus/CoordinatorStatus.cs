using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>SpiderCoordinator status: <c>Synced</c> once pod and service CIDRs are known.</summary>
public sealed class CoordinatorStatus
{
    [JsonPropertyName("phase")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Phase { get; set; }

    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; set; }

    [JsonPropertyName("overlayPodCIDR")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? OverlayPodCidr { get; set; }

    [JsonPropertyName("serviceCIDR")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ServiceCidr { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
