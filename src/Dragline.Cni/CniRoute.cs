using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>An entry of a result's <c>routes</c>. <c>mtu</c>, <c>advmss</c>, <c>priority</c>, <c>table</c> and <c>scope</c> are 1.1.0 fields.</summary>
public sealed class CniRoute
{
    [JsonPropertyName("dst")]
    public required string Dst { get; init; }

    [JsonPropertyName("gw")]
    public string? Gw { get; init; }

    [JsonPropertyName("mtu")]
    public int? Mtu { get; init; }

    [JsonPropertyName("advmss")]
    public int? AdvMss { get; init; }

    [JsonPropertyName("priority")]
    public int? Priority { get; init; }

    [JsonPropertyName("table")]
    public int? Table { get; init; }

    [JsonPropertyName("scope")]
    public int? Scope { get; init; }

    internal bool HasV11Fields => Mtu is not null || AdvMss is not null || Priority is not null || Table is not null || Scope is not null;

    internal CniRoute WithoutV11Fields() => new() { Dst = Dst, Gw = Gw };
}
