using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>The reply to VERSION: the plugin's own spec version and every version it accepts.</summary>
public sealed class CniVersionInfo
{
    [JsonPropertyName("cniVersion")]
    public required string CniVersion { get; init; }

    [JsonPropertyName("supportedVersions")]
    public required IReadOnlyList<string> SupportedVersions { get; init; }
}
