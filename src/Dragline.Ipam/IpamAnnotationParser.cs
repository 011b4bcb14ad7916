using System.Text.Json;
using Dragline.Core;

namespace Dragline.Ipam;

/// <summary>Parses the Spiderpool and Multus annotations the engine reads, with errors that quote the value and show the format.</summary>
internal static class IpamAnnotationParser
{
    /// <summary>
    /// The longest annotation value read. Pods are created by users the agent does not trust, and the agent parses
    /// their annotations as root on every ADD: a value this long is already far beyond any real pool list (eight NICs
    /// with a dozen pools each fit in 4 KiB), and the bound keeps JSON parsing and error messages small.
    /// </summary>
    public const int MaxValueLength = 16 * 1024;

    /// <summary>How much of a bad value an error message quotes.</summary>
    private const int QuotedLength = 200;

    /// <summary>Refuses a value over <see cref="MaxValueLength"/>, naming the annotation, its size and the limit.</summary>
    public static string Bounded(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxValueLength)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"annotation {key} is {value.Length} characters long, over the limit of {MaxValueLength}; name fewer pools or networks, or use wildcards such as rail-*");
        }

        return value;
    }

    /// <summary>
    /// <c>ipam.spidernet.io/ippools</c>: every NIC of the pod. Items name an interface, or none do (then item 0 is
    /// <c>eth0</c> and item i is <c>net{i}</c>, Multus's default names).
    /// </summary>
    public static IReadOnlyList<NicPoolRequest> ParseIPPools(string value, string currentNic)
    {
        const string Format = """[{"interface":"eth0","ipv4":["pool"],"ipv6":["pool6"],"cleangateway":false}]""";
        Bounded(IpamAnnotations.IPPools, value);
        JsonElement root = ParseJson(IpamAnnotations.IPPools, value, Format);
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
        {
            throw Invalid(IpamAnnotations.IPPools, value, "it must be a non-empty JSON array", Format);
        }

        var items = new List<NicPoolRequest>();
        int named = 0;
        foreach (JsonElement item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(IpamAnnotations.IPPools, value, "every item must be an object", Format);
            }

            string nic = OptionalString(item, "interface", IpamAnnotations.IPPools, value, Format);
            if (nic.Length > 0)
            {
                named++;
            }

            items.Add(new NicPoolRequest(nic, Names(item, "ipv4", IpamAnnotations.IPPools, value, Format), Names(item, "ipv6", IpamAnnotations.IPPools, value, Format),
                OptionalBool(item, "cleangateway", IpamAnnotations.IPPools, value, Format), IpamAnnotations.IPPools));
        }

        if (named != 0 && named != items.Count)
        {
            throw Invalid(IpamAnnotations.IPPools, value, "NIC should be either all specified or all unspecified", Format);
        }

        if (named == 0)
        {
            items = [.. items.Select((item, i) => item with { Nic = i == 0 ? "eth0" : $"net{i}" })];
        }

        string? duplicate = items.GroupBy(i => i.Nic, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw Invalid(IpamAnnotations.IPPools, value, $"duplicate interface {duplicate}", Format);
        }

        if (!items.Any(i => i.Nic == currentNic))
        {
            throw Invalid(IpamAnnotations.IPPools, value, $"interface {currentNic} must be specified", Format);
        }

        return items;
    }

    /// <summary><c>ipam.spidernet.io/ippool</c>: the pools of the current NIC.</summary>
    public static NicPoolRequest ParseIPPool(string value, string nic)
    {
        const string Format = """{"ipv4":["pool"],"ipv6":["pool6"]}""";
        Bounded(IpamAnnotations.IPPool, value);
        JsonElement root = ParseJson(IpamAnnotations.IPPool, value, Format);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(IpamAnnotations.IPPool, value, "it must be a JSON object", Format);
        }

        return new NicPoolRequest(nic, Names(root, "ipv4", IpamAnnotations.IPPool, value, Format), Names(root, "ipv6", IpamAnnotations.IPPool, value, Format),
            OptionalBool(root, "cleangateway", IpamAnnotations.IPPool, value, Format), IpamAnnotations.IPPool);
    }

    /// <summary>A namespace default-pool annotation: a JSON array of names.</summary>
    public static IReadOnlyList<string> ParseNameList(string key, string value)
    {
        const string Format = """["pool-a","pool-b"]""";
        Bounded(key, value);
        JsonElement root = ParseJson(key, value, Format);
        if (root.ValueKind != JsonValueKind.Array || root.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Invalid(key, value, "it must be a JSON array of pool names", Format);
        }

        return [.. root.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary><c>ipam.spidernet.io/routes</c>.</summary>
    public static IReadOnlyList<CustomRoute> ParseRoutes(string value)
    {
        const string Format = """[{"dst":"10.0.0.0/16","gw":"192.168.1.1"}]""";
        Bounded(IpamAnnotations.Routes, value);
        JsonElement root = ParseJson(IpamAnnotations.Routes, value, Format);
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(IpamAnnotations.Routes, value, "it must be a JSON array", Format);
        }

        var routes = new List<CustomRoute>();
        foreach (JsonElement item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(IpamAnnotations.Routes, value, "every item must be an object", Format);
            }

            string dst = OptionalString(item, "dst", IpamAnnotations.Routes, value, Format);
            string gw = OptionalString(item, "gw", IpamAnnotations.Routes, value, Format);
            if (!Core.Net.IpCidr.TryParse(dst, out _) || !Core.Net.IpAddress.TryParse(gw, out _))
            {
                throw Invalid(IpamAnnotations.Routes, value, $"route dst '{dst}' must be a CIDR and gw '{gw}' an address", Format);
            }

            routes.Add(new CustomRoute(dst, gw));
        }

        return routes;
    }

    /// <summary><c>k8s.v1.cni.cncf.io/networks</c>: a JSON list of <c>{name, namespace, interface}</c> or a comma list of <c>[ns/]name[@if]</c>.</summary>
    public static IReadOnlyList<MultusAttachment> ParseMultusNetworks(string value, string podNamespace)
    {
        const string Format = """[{"name":"net","namespace":"ns","interface":"net1"}] or ns/net@net1,net2""";
        string text = Bounded(IpamAnnotations.MultusNetworks, value).Trim();
        var attachments = new List<MultusAttachment>();
        if (text.StartsWith('['))
        {
            JsonElement root = ParseJson(IpamAnnotations.MultusNetworks, value, Format);
            foreach (JsonElement item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(IpamAnnotations.MultusNetworks, value, "every item must be an object", Format);
                }

                string ns = OptionalString(item, "namespace", IpamAnnotations.MultusNetworks, value, Format);
                attachments.Add(new MultusAttachment(ns.Length == 0 ? podNamespace : ns,
                    OptionalString(item, "name", IpamAnnotations.MultusNetworks, value, Format),
                    OptionalString(item, "interface", IpamAnnotations.MultusNetworks, value, Format)));
            }

            return attachments;
        }

        foreach (string entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int at = entry.IndexOf('@', StringComparison.Ordinal);
            string reference = at < 0 ? entry : entry[..at];
            string nic = at < 0 ? "" : entry[(at + 1)..];
            (string ns, string name) = SplitReference(reference, podNamespace);
            attachments.Add(new MultusAttachment(ns, name, nic));
        }

        return attachments;
    }

    /// <summary><c>ns/name</c> or <c>name</c> (then <paramref name="defaultNamespace"/>).</summary>
    public static (string Namespace, string Name) SplitReference(string reference, string defaultNamespace)
    {
        int slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (defaultNamespace, reference) : (reference[..slash], reference[(slash + 1)..]);
    }

    private static JsonElement ParseJson(string key, string value, string format)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Invalid(key, value, $"it is not JSON ({ex.Message})", format);
        }
    }

    private static List<string> Names(JsonElement item, string property, string key, string value, string format)
    {
        if (!item.TryGetProperty(property, out JsonElement names) || names.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (names.ValueKind != JsonValueKind.Array || names.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Invalid(key, value, $"'{property}' must be an array of pool names", format);
        }

        return [.. names.EnumerateArray().Select(e => e.GetString()!)];
    }

    private static string OptionalString(JsonElement item, string property, string key, string value, string format)
    {
        if (!item.TryGetProperty(property, out JsonElement text) || text.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        return text.ValueKind == JsonValueKind.String ? text.GetString()! : throw Invalid(key, value, $"'{property}' must be a string", format);
    }

    private static bool? OptionalBool(JsonElement item, string property, string key, string value, string format)
    {
        if (!item.TryGetProperty(property, out JsonElement flag) || flag.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return flag.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(key, value, $"'{property}' must be true or false", format),
        };
    }

    private static DraglineException Invalid(string key, string value, string why, string format) =>
        new(DraglineErrorReason.InvalidValue, $"annotation {key} '{Quote(value)}' is invalid: {why}; write it like {format}");

    private static string Quote(string value) => value.Length <= QuotedLength ? value : string.Concat(value.AsSpan(0, QuotedLength), $"… ({value.Length} characters)");
}
