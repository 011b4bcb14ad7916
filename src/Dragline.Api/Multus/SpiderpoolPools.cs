using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>The default IP pools a network's IPAM uses (names or wildcards).</summary>
public sealed class SpiderpoolPools
{
    /// <summary>Pick the pool whose subnet matches the master's (SR-IOV only).</summary>
    [JsonPropertyName("matchMasterSubnet")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? MatchMasterSubnet { get; set; }

    [JsonPropertyName("ipv4")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Ipv4 { get; set; }

    [JsonPropertyName("ipv6")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Ipv6 { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
