using System.Text.Json.Serialization;

namespace Dragline.Api.Model;

/// <summary>A Kubernetes owner reference.</summary>
public sealed class OwnerReference
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("uid")]
    public string Uid { get; set; } = "";

    [JsonPropertyName("controller")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Controller { get; set; }

    [JsonPropertyName("blockOwnerDeletion")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? BlockOwnerDeletion { get; set; }
}
