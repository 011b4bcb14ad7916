using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>Status of a <see cref="SpiderSubnet"/>.</summary>
public sealed class SubnetStatus
{
    /// <summary>JSON string: <c>{"pool":{"ips":["a-b"],"application":"..."}}</c>.</summary>
    [JsonPropertyName("controlledIPPools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ControlledIPPools { get; set; }

    [JsonPropertyName("totalIPCount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TotalIPCount { get; set; }

    [JsonPropertyName("allocatedIPCount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? AllocatedIPCount { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
