using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model;

/// <summary>
/// Base of every typed Kubernetes object Dragline reads. Fields the model does not know are kept in
/// <see cref="ExtensionData"/> so the codec can report them instead of silently dropping them.
/// </summary>
public abstract class KubeObject
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = "";

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> for cluster-scoped objects, as messages name an object.</summary>
    [JsonIgnore]
    public string DisplayName => string.IsNullOrEmpty(Metadata.Namespace)
        ? $"{Kind}/{Metadata.Name}"
        : $"{Kind}/{Metadata.Namespace}/{Metadata.Name}";
}
