using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>An attachment the runtime still uses, as listed in a GC request's <c>cni.dev/valid-attachments</c>.</summary>
public sealed class CniAttachment
{
    [JsonPropertyName("containerID")]
    public required string ContainerId { get; init; }

    [JsonPropertyName("ifname")]
    public required string IfName { get; init; }
}
