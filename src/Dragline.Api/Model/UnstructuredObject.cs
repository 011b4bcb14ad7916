using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model;

/// <summary>
/// An object of a kind Dragline does not model (a DaemonSet, a ConfigMap, ...), kept whole as JSON. Its
/// apiVersion, kind and metadata are filled in so it can be named in messages, but nothing else is read.
/// </summary>
public sealed class UnstructuredObject : KubeObject
{
    public UnstructuredObject(JsonObject content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
    }

    /// <summary>The object exactly as read.</summary>
    [JsonIgnore]
    public JsonObject Content { get; }
}
