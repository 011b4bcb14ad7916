using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>A route the coordinator installs into the interface's policy table.</summary>
public sealed class CoordinatorPolicyRoute
{
    /// <summary>Destination IP or CIDR.</summary>
    [JsonPropertyName("dst")]
    public string Dst { get; set; } = "";

    [JsonPropertyName("gw")]
    public string Gw { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
