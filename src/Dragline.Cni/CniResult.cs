using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>
/// A CNI success result. One shape serves every supported version: <see cref="ConvertTo"/> produces
/// the exact form of a given version (<c>ips[].version</c> up to 0.4.0; the 1.1.0 interface and
/// route fields only in 1.1.0).
/// </summary>
public sealed class CniResult
{
    [JsonPropertyName("cniVersion")]
    public string? CniVersion { get; init; }

    [JsonPropertyName("interfaces")]
    public IReadOnlyList<CniInterface>? Interfaces { get; init; }

    [JsonPropertyName("ips")]
    public IReadOnlyList<CniIpConfig>? Ips { get; init; }

    [JsonPropertyName("routes")]
    public IReadOnlyList<CniRoute>? Routes { get; init; }

    [JsonPropertyName("dns")]
    public CniDns? Dns { get; init; }

    /// <summary>
    /// This result in the form of <paramref name="target"/>. Throws code 1 for an unsupported version
    /// and code 6 for an address that is not IP/prefix (its family decides <c>ips[].version</c>).
    /// </summary>
    public CniResult ConvertTo(CniVersion target)
    {
        if (!target.IsSupported)
        {
            throw new CniException(
                CniErrorCode.IncompatibleVersion,
                $"cannot express a result in cniVersion \"{target}\": supported versions are {string.Join(", ", Cni.CniVersion.SupportedStrings())}");
        }

        bool keepV11 = target >= Cni.CniVersion.V1_1_0;
        return new CniResult
        {
            CniVersion = target.ToString(),
            Interfaces = Interfaces?.Select(i => keepV11 ? i : new CniInterface { Name = i.Name, Mac = i.Mac, Sandbox = i.Sandbox }).ToArray(),
            Ips = Ips?.Select(ip => new CniIpConfig
            {
                Version = target.ResultHasIpVersionField ? ip.AddressFamilyVersion() : null,
                Interface = ip.Interface,
                Address = ip.Address,
                Gateway = ip.Gateway,
            }).ToArray(),
            Routes = Routes?.Select(r => keepV11 ? r : r.WithoutV11Fields()).ToArray(),
            Dns = Dns,
        };
    }

    /// <summary>Serialises with the source-generated context (nulls omitted).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, CniJsonContext.Output.CniResult);

    /// <summary>
    /// Reads a result of any supported version (for example a <c>prevResult</c>). Throws code 6 when
    /// the JSON does not have a result's shape.
    /// </summary>
    public static CniResult Parse(JsonElement element, string what = "result")
    {
        try
        {
            return element.Deserialize(CniJsonContext.Default.CniResult)
                ?? throw new CniException(CniErrorCode.DecodingFailure, $"{what} is null; expected a CNI result object");
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure, $"{what} is not a CNI result: {ex.Message}", innerException: ex);
        }
    }
}
