using System.Globalization;
using Dragline.Core;

namespace Dragline.Ipam.Store;

/// <summary>
/// A parsed <c>--store</c> value: <c>sqlite:/var/lib/dragline/ipam.db</c>, or
/// <c>etcd://h1:2379,h2:2379[/prefix]</c> (<c>etcds://</c> for TLS). Parsing is separate from opening
/// so a command can reject a bad value before it starts anything.
/// TLS files come from query parameters named like etcdctl's flags:
/// <c>etcds://h1:2379/prefix?cacert=/etc/dragline/etcd-ca.pem&amp;cert=/etc/dragline/client.pem&amp;key=/etc/dragline/client-key.pem</c>.
/// Only paths go in the value, never secrets: it is shown in process listings and logs.
/// </summary>
public sealed record StoreLocation
{
    private const string Usage = "use sqlite:/path/to/file.db or etcd://host1:2379,host2:2379 (etcds://...?cacert=FILE&cert=FILE&key=FILE for TLS)";

    private static readonly string[] KnownParameters = ["cacert", "cert", "key", "user-file"];

    private StoreLocation(StoreKind kind, string? path, IReadOnlyList<Uri> endpoints, string keyPrefix)
    {
        Kind = kind;
        Path = path;
        Endpoints = endpoints;
        KeyPrefix = keyPrefix;
    }

    public StoreKind Kind { get; }

    /// <summary>The database file (SQLite), made absolute.</summary>
    public string? Path { get; }

    /// <summary>The member client URLs (etcd).</summary>
    public IReadOnlyList<Uri> Endpoints { get; }

    /// <summary>The etcd key prefix (default <c>/dragline</c>).</summary>
    public string KeyPrefix { get; }

    /// <summary>The PEM file of the CA that signs the etcd servers' certificates (<c>cacert=</c>); null trusts the system store.</summary>
    public string? CaCertificatePath { get; private init; }

    /// <summary>The PEM client certificate (<c>cert=</c>), for etcd started with <c>--client-cert-auth</c>.</summary>
    public string? ClientCertificatePath { get; private init; }

    /// <summary>The PEM private key of <see cref="ClientCertificatePath"/> (<c>key=</c>).</summary>
    public string? ClientKeyPath { get; private init; }

    /// <summary>
    /// A file holding <c>user:password</c> for etcd authentication (<c>user-file=</c>): a file, not the value itself,
    /// because the value shows in process listings and logs.
    /// </summary>
    public string? UserFilePath { get; private init; }

    public static StoreLocation Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string text = value.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            string path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..]; // sqlite:///abs/path
            }

            if (path.Length == 0)
            {
                throw Bad(value, "the SQLite store needs a file path");
            }

            return new StoreLocation(StoreKind.Sqlite, System.IO.Path.GetFullPath(path), [], "");
        }

        bool tls = text.StartsWith("etcds://", StringComparison.OrdinalIgnoreCase);
        if (tls || text.StartsWith("etcd://", StringComparison.OrdinalIgnoreCase))
        {
            string rest = text[(tls ? "etcds://".Length : "etcd://".Length)..];
            int question = rest.IndexOf('?', StringComparison.Ordinal);
            Dictionary<string, string> parameters = question < 0 ? [] : ParseParameters(value, rest[(question + 1)..], tls);
            if (question >= 0)
            {
                rest = rest[..question];
            }

            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            string hosts = slash < 0 ? rest : rest[..slash];
            string prefix = slash < 0 ? "/dragline" : "/" + rest[(slash + 1)..].Trim('/');
            if (prefix == "/")
            {
                prefix = "/dragline";
            }

            var endpoints = new List<Uri>();
            foreach (string host in hosts.Split(',', StringSplitOptions.TrimEntries))
            {
                endpoints.Add(ParseEndpoint(value, host, tls));
            }

            return new StoreLocation(StoreKind.Etcd, null, endpoints, prefix)
            {
                CaCertificatePath = parameters.GetValueOrDefault("cacert"),
                ClientCertificatePath = parameters.GetValueOrDefault("cert"),
                ClientKeyPath = parameters.GetValueOrDefault("key"),
                UserFilePath = parameters.GetValueOrDefault("user-file"),
            };
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string scheme = colon < 0 ? text : text[..colon];
        throw Bad(value, colon < 0 ? "it names no store type" : $"store type '{scheme}' is not known");
    }

    public override string ToString()
    {
        if (Kind == StoreKind.Sqlite)
        {
            return "sqlite:" + Path;
        }

        string text = $"{Endpoints[0].Scheme.Replace("http", "etcd", StringComparison.Ordinal)}://{string.Join(",", Endpoints.Select(e => e.Authority))}{KeyPrefix}";
        var query = new List<string>();
        AddParameter(query, "cacert", CaCertificatePath);
        AddParameter(query, "cert", ClientCertificatePath);
        AddParameter(query, "key", ClientKeyPath);
        AddParameter(query, "user-file", UserFilePath);
        return query.Count == 0 ? text : text + "?" + string.Join("&", query);
    }

    private static void AddParameter(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add(name + "=" + value);
        }
    }

    private static Dictionary<string, string> ParseParameters(string value, string query, bool tls)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? pair : pair[..equals];
            string parameterValue = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!KnownParameters.Contains(name, StringComparer.Ordinal))
            {
                throw Bad(value, $"parameter '{name}' is not known (known: {string.Join(", ", KnownParameters)})");
            }

            if (parameterValue.Length == 0)
            {
                throw Bad(value, $"parameter '{name}' needs a file path, e.g. {name}=/etc/dragline/etcd-{name}.pem");
            }

            if (!parameters.TryAdd(name, System.IO.Path.GetFullPath(parameterValue)))
            {
                throw Bad(value, $"parameter '{name}' is given twice");
            }
        }

        if (!tls && parameters.Keys.FirstOrDefault(k => k != "user-file") is { } tlsParameter)
        {
            throw Bad(value, $"parameter '{tlsParameter}' configures TLS, which etcd:// does not use; write etcds://");
        }

        if (parameters.ContainsKey("cert") != parameters.ContainsKey("key"))
        {
            throw Bad(value, parameters.ContainsKey("cert")
                ? "parameter 'cert' needs its private key too: add key=/path/to/client-key.pem"
                : "parameter 'key' needs its certificate too: add cert=/path/to/client.pem");
        }

        return parameters;
    }

    private static Uri ParseEndpoint(string value, string host, bool tls)
    {
        if (host.Length == 0)
        {
            throw Bad(value, "an etcd endpoint is empty");
        }

        string withPort = host;
        bool bracketed = host.StartsWith('[');
        int portColon = bracketed ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
        if (portColon <= 0 || (!bracketed && host.Count(c => c == ':') > 1))
        {
            if (!bracketed && host.Count(c => c == ':') > 1)
            {
                throw Bad(value, $"IPv6 endpoint '{host}' must be written in brackets, e.g. [fd00::1]:2379");
            }

            withPort = host + ":2379";
        }
        else
        {
            string port = host[(portColon + 1)..];
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
            {
                throw Bad(value, $"endpoint '{host}' has port '{port}', which is not a number from 1 to 65535");
            }
        }

        if (!Uri.TryCreate((tls ? "https://" : "http://") + withPort, UriKind.Absolute, out Uri? uri) || uri.Host.Length == 0)
        {
            throw Bad(value, $"endpoint '{host}' is not a host name or address with an optional port");
        }

        return uri;
    }

    private static DraglineException Bad(string value, string why) =>
        new(DraglineErrorReason.InvalidValue, $"invalid store '{value}': {why}; {Usage}");
}
