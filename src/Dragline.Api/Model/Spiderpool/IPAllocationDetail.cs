using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>Addresses of one pod interface.</summary>
public sealed class IPAllocationDetail
{
    [JsonPropertyName("interface")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Interface { get; set; }

    /// <summary>Address with prefix length (CIDR form).</summary>
    [JsonPropertyName("ipv4")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv4 { get; set; }

    [JsonPropertyName("ipv6")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv6 { get; set; }

    [JsonPropertyName("ipv4Pool")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv4Pool { get; set; }

    [JsonPropertyName("ipv6Pool")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv6Pool { get; set; }

    [JsonPropertyName("vlan")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Vlan { get; set; }

    [JsonPropertyName("ipv4Gateway")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv4Gateway { get; set; }

    [JsonPropertyName("ipv6Gateway")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IPv6Gateway { get; set; }

    [JsonPropertyName("cleanGateway")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? CleanGateway { get; set; }

    [JsonPropertyName("routes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Route>? Routes { get; set; }

    [JsonPropertyName("mac")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mac { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
