using System.Globalization;
using System.Net;
using System.Text.Json;
using Dragline.Cni.Agent;

namespace Dragline.Cni.Plugins.Ipam;

/// <summary>
/// The <c>ipam</c> section of a network configuration for <c>dragline-ipam</c>. Spiderpool's key
/// names are accepted as they are (<c>ipam_unix_socket_path</c>, <c>log_*</c>,
/// <c>match_master_subnet</c>), so a Spiderpool NetworkAttachmentDefinition works with only its
/// <c>type</c> changed. Unknown keys are ignored, as Spiderpool does, and listed in
/// <see cref="IgnoredKeys"/> for the log.
/// </summary>
public sealed class DraglineIpamConfig
{
    public string SocketPath { get; init; } = AgentPaths.DefaultSocket;

    public IReadOnlyList<string> DefaultIpv4Pools { get; init; } = [];

    public IReadOnlyList<string> DefaultIpv6Pools { get; init; } = [];

    public bool? CleanGateway { get; init; }

    public bool? MatchMasterSubnet { get; init; }

    public PluginLogLevel LogLevel { get; init; } = PluginLogLevel.Info;

    /// <summary>Null: no log file (errors still reach the runtime as the CNI error JSON).</summary>
    public string? LogFilePath { get; init; }

    public int LogFileMaxSizeMegabytes { get; init; } = 100;

    public int LogFileMaxAgeDays { get; init; } = 30;

    public int LogFileMaxCount { get; init; } = 7;

    /// <summary>Addresses asked for through <c>runtimeConfig.ips</c> or <c>args.cni.ips</c>.</summary>
    public IReadOnlyList<string> RequestedIps { get; init; } = [];

    public IReadOnlyList<string> IgnoredKeys { get; init; } = [];

    private static readonly HashSet<string> KnownKeys = new(StringComparer.Ordinal)
    {
        "type", "socket", "ipam_unix_socket_path", "default_ipv4_ippool", "default_ipv6_ippool", "clean_gateway",
        "match_master_subnet", "log_level", "log_file_path", "log_file_max_size", "log_file_max_age", "log_file_max_count",
    };

    /// <summary>
    /// Reads the configuration. A missing <c>ipam</c> section or a value of the wrong type or range
    /// is code 7, and the message names the key and the value.
    /// </summary>
    public static DraglineIpamConfig Parse(CniNetworkConfig network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Ipam is not { } ipam || ipam.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw Invalid("the network configuration has no \"ipam\" section; dragline-ipam reads its settings from \"ipam\": {\"type\": \"dragline-ipam\", ...}");
        }

        if (ipam.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"\"ipam\" must be an object, not {Show(ipam)}");
        }

        string? socket = OptionalPath(ipam, "socket");
        string? spiderpoolSocket = OptionalPath(ipam, "ipam_unix_socket_path");
        if (socket is not null && spiderpoolSocket is not null && socket != spiderpoolSocket)
        {
            throw Invalid($"ipam.socket \"{socket}\" and ipam.ipam_unix_socket_path \"{spiderpoolSocket}\" name different sockets; keep one of them");
        }

        OptionalString(ipam, "type");
        string? levelText = OptionalString(ipam, "log_level");
        PluginLogLevel level = PluginLogLevel.Info;
        if (levelText is not null && !PluginLog.TryParseLevel(levelText, out level))
        {
            throw Invalid($"ipam.log_level \"{levelText}\" is not a log level; use debug, info, warn or error");
        }

        var ignored = new List<string>();
        foreach (JsonProperty p in ipam.EnumerateObject())
        {
            if (!KnownKeys.Contains(p.Name))
            {
                ignored.Add(p.Name);
            }
        }

        return new DraglineIpamConfig
        {
            SocketPath = socket ?? spiderpoolSocket ?? AgentPaths.DefaultSocket,
            DefaultIpv4Pools = PoolList(ipam, "default_ipv4_ippool"),
            DefaultIpv6Pools = PoolList(ipam, "default_ipv6_ippool"),
            CleanGateway = OptionalBool(ipam, "clean_gateway"),
            MatchMasterSubnet = OptionalBool(ipam, "match_master_subnet"),
            LogLevel = level,
            LogFilePath = OptionalPath(ipam, "log_file_path"),
            LogFileMaxSizeMegabytes = OptionalCount(ipam, "log_file_max_size", 100),
            LogFileMaxAgeDays = OptionalCount(ipam, "log_file_max_age", 30),
            LogFileMaxCount = OptionalCount(ipam, "log_file_max_count", 7),
            RequestedIps = RequestedAddresses(network),
            IgnoredKeys = ignored,
        };
    }

    /// <summary>A Kubernetes object name, optionally with the shell wildcards Spiderpool allows (*, ?, [...]).</summary>
    public static bool IsPoolNameOrPattern(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (char c in name)
        {
            bool ok = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '*' or '?' or '[' or ']' or '!' or '^';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static List<string> PoolList(JsonElement ipam, string key)
    {
        if (!ipam.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            throw Invalid($"ipam.{key} {Show(value)} is a string; write a list of pool names: [{Show(value)}]");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"ipam.{key} must be a list of pool names, not {Show(value)}");
        }

        var pools = new List<string>();
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"ipam.{key}[{i}] must be a pool name (a string), not {Show(item)}");
            }

            string name = item.GetString()!;
            if (!IsPoolNameOrPattern(name))
            {
                throw Invalid($"ipam.{key}[{i}] \"{name}\" is not a pool name: use lower-case letters, digits, '-' and '.', optionally with the wildcards *, ? and [...]");
            }

            pools.Add(name);
            i++;
        }

        return pools;
    }

    private static bool? OptionalBool(JsonElement ipam, string key)
    {
        if (!ipam.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"ipam.{key} must be true or false, not {Show(value)}"),
        };
    }

    private static string? OptionalString(JsonElement ipam, string key)
    {
        if (!ipam.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid($"ipam.{key} must be a string, not {Show(value)}");
        }

        return value.GetString();
    }

    private static string? OptionalPath(JsonElement ipam, string key)
    {
        string? path = OptionalString(ipam, key);
        if (path is null)
        {
            return null;
        }

        if (path.Length == 0 || !path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
        {
            throw Invalid($"ipam.{key} \"{path}\" is not an absolute path; write it from the root, like \"{AgentPaths.DefaultSocket}\"");
        }

        return path;
    }

    private static int OptionalCount(JsonElement ipam, string key, int defaultValue)
    {
        if (!ipam.TryGetProperty(key, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return defaultValue;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n) || n < 0)
        {
            throw Invalid($"ipam.{key} must be a whole number of 0 or more, not {Show(value)}");
        }

        return n;
    }

    /// <summary>
    /// The <c>ips</c> capability (<c>runtimeConfig.ips</c>) and the <c>args.cni.ips</c> convention,
    /// each entry an IP or IP/prefix.
    /// </summary>
    private static List<string> RequestedAddresses(CniNetworkConfig network)
    {
        var all = new List<string>();
        if (network.RuntimeConfig is { ValueKind: JsonValueKind.Object } rc && rc.TryGetProperty("ips", out JsonElement rcIps))
        {
            AddAddresses(all, rcIps, "runtimeConfig.ips");
        }

        if (network.Args is { ValueKind: JsonValueKind.Object } args
            && args.TryGetProperty("cni", out JsonElement cni) && cni.ValueKind == JsonValueKind.Object
            && cni.TryGetProperty("ips", out JsonElement argIps))
        {
            AddAddresses(all, argIps, "args.cni.ips");
        }

        return all.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void AddAddresses(List<string> into, JsonElement list, string key)
    {
        if (list.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Invalid($"{key} must be a list of addresses, not {Show(list)}");
        }

        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            string? text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (text is null || !IsAddressOrCidr(text))
            {
                throw Invalid($"{key}[{i}] {Show(item)} is not an IP address or IP/prefix, such as \"10.6.1.21\" or \"10.6.1.21/16\"");
            }

            into.Add(text);
            i++;
        }
    }

    internal static bool IsAddressOrCidr(string text)
    {
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string ipPart = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(ipPart, out IPAddress? ip) || ipPart.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        if (slash < 0)
        {
            return true;
        }

        int max = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        string prefixPart = text[(slash + 1)..];
        return prefixPart.Length is > 0 and <= 3 && prefixPart.All(char.IsAsciiDigit)
            && int.TryParse(prefixPart, NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) && prefix <= max;
    }

    private static string Show(JsonElement value)
    {
        string raw = value.GetRawText();
        return raw.Length > 120 ? string.Concat(raw.AsSpan(0, 117), "...") : raw;
    }

    private static CniException Invalid(string message) => new(CniErrorCode.InvalidNetworkConfig, message);
}
