using System.Net;
using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>
/// An entry of a result's <c>ips</c>: an address in CIDR form ("10.6.1.21/16"), an optional gateway
/// and an optional index into <c>interfaces</c>. <see cref="Version"/> ("4" or "6") exists only up to
/// 0.4.0; <see cref="CniResult.ConvertTo"/> sets or removes it.
/// </summary>
public sealed class CniIpConfig
{
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("interface")]
    public int? Interface { get; init; }

    [JsonPropertyName("address")]
    public required string Address { get; init; }

    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    /// <summary>"4" or "6", from the address itself; throws code 6 if the address is not IP/prefix.</summary>
    public string AddressFamilyVersion()
    {
        int slash = Address.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IPAddress.TryParse(Address.AsSpan(0, slash), out IPAddress? ip))
        {
            throw new CniException(
                CniErrorCode.DecodingFailure,
                $"result address \"{Address}\" is not an address with a prefix length, such as \"10.6.1.21/16\"");
        }

        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? "4" : "6";
    }
}
