using Dragline.Api.Model;
using Dragline.Core.Net;

namespace Dragline.Api.Validation;

/// <summary>The address rules SpiderIPPool, SpiderSubnet and SpiderReservedIP share (Spiderpool's webhook helpers).</summary>
internal static class SpiderpoolIPRules
{
    public static long? VersionOfCidr(string? cidr) =>
        IpCidr.TryParse(cidr, out IpCidr parsed) ? (parsed.Family == IpFamily.V4 ? 4 : 6) : null;

    public static long? VersionOfRange(string? range) =>
        IpRange.TryParse(range, out IpRange parsed) ? (parsed.Family == IpFamily.V4 ? 4 : 6) : null;

    public static IpFamily? FamilyOf(long? ipVersion) => ipVersion switch
    {
        4 => IpFamily.V4,
        6 => IpFamily.V6,
        _ => null,
    };

    /// <summary>Merged, sorted, de-duplicated range strings (Spiderpool's MergeIPRanges), or the input unchanged when any item is invalid.</summary>
    public static List<string>? Merge(long? ipVersion, List<string>? items)
    {
        if (items is null || FamilyOf(ipVersion) is not IpFamily family)
        {
            return items;
        }

        return IpRangeSet.TryParse(family, items, out IpRangeSet? set, out _) ? [.. set.ToRangeStrings()] : items;
    }

    /// <summary>The CIDR label value: <c>10.148.4.0/24</c> → <c>10-148-4-0-24</c>.</summary>
    public static string CidrLabelValue(string subnet) => subnet.Replace('.', '-').Replace(':', '-').Replace('/', '-');

    /// <summary>Checks <c>spec.ipVersion</c> against the enum and the enabled families; true when usable.</summary>
    public static bool CheckVersion(long? ipVersion, string notGeneratedMessage, ValidationContext context, ValidationProblemCollector problems)
    {
        const string path = "spec.ipVersion";
        switch (ipVersion)
        {
            case null:
                problems.Error(path, notGeneratedMessage);
                return false;
            case 4 when !context.Settings.EnableIPv4:
                problems.Error(path, "IPv4 is disabled");
                return false;
            case 6 when !context.Settings.EnableIPv6:
                problems.Error(path, "IPv6 is disabled");
                return false;
            case 4 or 6:
                return true;
            default:
                problems.Error(path, $"Unsupported value: {ipVersion}: supported values: \"4\", \"6\"");
                return false;
        }
    }

    /// <summary>Checks <c>spec.subnet</c>: present, a CIDR of the pool's family, canonical.</summary>
    public static IpCidr? CheckSubnet(string? subnet, IpFamily family, ValidationProblemCollector problems)
    {
        const string path = "spec.subnet";
        if (string.IsNullOrEmpty(subnet))
        {
            problems.Error(path, "Required value");
            return null;
        }

        if (!IpCidr.TryParse(subnet, out IpCidr cidr))
        {
            problems.Error(path, $"invalid CIDR '{subnet}': write an address, '/', and a prefix length, like 10.0.0.0/24 or fd00::/64");
            return null;
        }

        if (cidr.Family != family)
        {
            problems.Error(path, $"'{subnet}' is not an IPv{(family == IpFamily.V4 ? 4 : 6)} CIDR, but 'spec.ipVersion' is {(family == IpFamily.V4 ? 4 : 6)}");
            return null;
        }

        if (!cidr.IsCanonical)
        {
            problems.Error(path, $"unformatted subnet {subnet}, please change it to {cidr.Canonical}");
            return null;
        }

        return cidr;
    }

    /// <summary>Parses an <c>ips</c>-style list; reports bad items and items outside <paramref name="subnet"/>. Null when any item is bad.</summary>
    public static IpRangeSet? CheckRanges(string path, List<string>? items, IpFamily family, IpCidr? subnet, ValidationProblemCollector problems)
    {
        var ranges = new List<IpRange>();
        bool ok = true;
        for (int i = 0; i < (items?.Count ?? 0); i++)
        {
            string item = items![i];
            if (!IpRange.TryParse(item, out IpRange range, out string? error))
            {
                problems.Error($"{path}[{i}]", error);
                ok = false;
                continue;
            }

            if (range.Family != family)
            {
                problems.Error($"{path}[{i}]", $"invalid range: '{item}' is IPv{(range.Family == IpFamily.V4 ? 4 : 6)}, but 'spec.ipVersion' is {(family == IpFamily.V4 ? 4 : 6)}");
                ok = false;
                continue;
            }

            if (subnet is IpCidr cidr && !cidr.Contains(range))
            {
                problems.Error($"{path}[{i}]", $"not match base subnet: '{item}' is not inside 'spec.subnet' {cidr}");
                ok = false;
                continue;
            }

            ranges.Add(range);
        }

        return ok ? IpRangeSet.FromRanges(family, ranges) : null;
    }

    /// <summary>Checks <c>spec.gateway</c>: an address of the family inside the subnet. Returns it when valid.</summary>
    public static IpAddress? CheckGateway(string? gateway, IpFamily family, IpCidr subnet, string ownerKind, ValidationProblemCollector problems)
    {
        const string path = "spec.gateway";
        if (gateway is null)
        {
            return null;
        }

        if (!IpAddress.TryParse(gateway, out IpAddress address) || address.Family != family)
        {
            problems.Error(path, $"invalid IPv{(family == IpFamily.V4 ? 4 : 6)} address '{gateway}'");
            return null;
        }

        if (!subnet.Contains(address))
        {
            problems.Error(path, $"not pertains to the 'spec.subnet' {subnet} of {ownerKind}");
            return null;
        }

        return address;
    }

    /// <summary>Checks <c>spec.routes</c>: valid dst CIDRs of the family, no default route, unique dst, gw inside the subnet.</summary>
    public static void CheckRoutes(List<Route>? routes, IpFamily family, IpCidr subnet, string ownerKind, ValidationProblemCollector problems)
    {
        var seen = new HashSet<IpCidr>();
        for (int i = 0; i < (routes?.Count ?? 0); i++)
        {
            Route route = routes![i];
            string path = $"spec.routes[{i}]";
            if (!IpCidr.TryParse(route.Dst, out IpCidr dst) || dst.Family != family)
            {
                problems.Error($"{path}.dst", $"invalid IPv{(family == IpFamily.V4 ? 4 : 6)} CIDR '{route.Dst}'");
            }
            else if (dst.PrefixLength == 0)
            {
                problems.Error($"{path}.dst", "please specify 'spec.gateway' to configure the default route");
            }
            else if (!seen.Add(dst.Canonical))
            {
                problems.Error($"{path}.dst", "duplicate route with the same dst");
            }

            if (!IpAddress.TryParse(route.Gw, out IpAddress gw) || gw.Family != family)
            {
                problems.Error($"{path}.gw", $"invalid IPv{(family == IpFamily.V4 ? 4 : 6)} address '{route.Gw}'");
            }
            else if (!subnet.Contains(gw))
            {
                problems.Error($"{path}.gw", $"not pertains to the 'spec.subnet' {subnet} of {ownerKind}");
            }
        }
    }

    /// <summary>Formats ranges as Go prints a []string with %v: <c>[a b]</c>.</summary>
    public static string GoList(IEnumerable<string> items) => "[" + string.Join(' ', items) + "]";
}
