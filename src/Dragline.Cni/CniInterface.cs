using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>An entry of a result's <c>interfaces</c>. <c>mtu</c>, <c>socketPath</c> and <c>pciID</c> are 1.1.0 fields.</summary>
public sealed class CniInterface
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("mac")]
    public string? Mac { get; init; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }

    [JsonPropertyName("sandbox")]
    public string? Sandbox { get; init; }

    [JsonPropertyName("socketPath")]
    public string? SocketPath { get; init; }

    [JsonPropertyName("pciID")]
    public string? PciId { get; init; }
}
