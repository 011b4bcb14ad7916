using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model;

/// <summary>
/// Base of every typed Kubernetes object Dragline reads. Fields the model does not know are kept in
/// <see cref="ExtensionData"/> so the codec can report them instead of silently dropping them.
/// </summary>
public abstract class KubeObject
{
    // Negative orders put apiVersion, kind and metadata before a derived kind's spec and status, as kubectl prints them.
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-3)]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-2)]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(-1)]
    public ObjectMeta Metadata { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> for cluster-scoped objects, as messages name an object.</summary>
    [JsonIgnore]
    public string DisplayName => string.IsNullOrEmpty(Metadata.Namespace)
        ? $"{Kind}/{Metadata.Name}"
        : $"{Kind}/{Metadata.Namespace}/{Metadata.Name}";
}
