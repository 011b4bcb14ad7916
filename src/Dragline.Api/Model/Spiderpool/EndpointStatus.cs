using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model.Spiderpool;

/// <summary>Status of a <see cref="SpiderEndpoint"/>.</summary>
public sealed class EndpointStatus
{
    [JsonPropertyName("current")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PodIPAllocation? Current { get; set; }

    [JsonPropertyName("ownerControllerType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OwnerControllerType { get; set; }

    [JsonPropertyName("ownerControllerName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OwnerControllerName { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
