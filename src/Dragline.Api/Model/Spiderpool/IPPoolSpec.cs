using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>Spec of a <see cref="SpiderIPPool"/>.</summary>
public sealed class IPPoolSpec
{
    /// <summary>4 or 6; inferred from <c>subnet</c> when absent.</summary>
    [JsonPropertyName("ipVersion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? IPVersion { get; set; }

    /// <summary>The pool's CIDR, canonical form.</summary>
    [JsonPropertyName("subnet")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subnet { get; set; }

    /// <summary>Addresses and <c>A-B</c> ranges.</summary>
    [JsonPropertyName("ips")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? IPs { get; set; }

    /// <summary>Addresses and ranges subtracted from <c>ips</c>.</summary>
    [JsonPropertyName("excludeIPs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? ExcludeIPs { get; set; }

    [JsonPropertyName("gateway")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Gateway { get; set; }

    [JsonPropertyName("routes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Route>? Routes { get; set; }

    [JsonPropertyName("podAffinity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LabelSelector? PodAffinity { get; set; }

    [JsonPropertyName("namespaceAffinity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LabelSelector? NamespaceAffinity { get; set; }

    [JsonPropertyName("namespaceName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? NamespaceName { get; set; }

    [JsonPropertyName("nodeAffinity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LabelSelector? NodeAffinity { get; set; }

    [JsonPropertyName("nodeName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? NodeName { get; set; }

    [JsonPropertyName("multusName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? MultusName { get; set; }

    /// <summary>Whether this is a cluster default pool.</summary>
    [JsonPropertyName("default")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Default { get; set; }

    /// <summary>No new allocations when true.</summary>
    [JsonPropertyName("disable")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Disable { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
