using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>The spec's error result, written to stdout with exit status 1.</summary>
public sealed class CniErrorResult
{
    [JsonPropertyName("cniVersion")]
    public required string CniVersion { get; init; }

    [JsonPropertyName("code")]
    public required int Code { get; init; }

    [JsonPropertyName("msg")]
    public required string Msg { get; init; }

    [JsonPropertyName("details")]
    public string? Details { get; init; }
}
