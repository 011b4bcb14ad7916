using System.Globalization;
using Dragline.Api.Validation;
using Dragline.Core.Net;

namespace Dragline.Api.Multus;

/// <summary>
/// Spiderpool's coordinator spec checks (<c>pkg/coordinatormanager</c> <c>ValidateCoordinatorSpec</c>),
/// shared by the SpiderCoordinator and <c>SpiderMultusConfig.spec.coordinator</c>.
/// </summary>
internal static class CoordinatorSpecRules
{
    public static void Check(CoordinatorSpec spec, string path, bool podCidrTypeRequired, ValidationProblemCollector problems)
    {
        if (spec.PodCidrType is null)
        {
            if (podCidrTypeRequired)
            {
                problems.Error($"{path}.podCIDRType", $"PodCIDRType is not allowed to be empty: set it to one of {Quoted(PodCidrTypes.All)}");
            }
        }
        else if (!PodCidrTypes.All.Contains(spec.PodCidrType))
        {
            problems.Error($"{path}.podCIDRType", $"Unsupported value: \"{spec.PodCidrType}\": supported values: {Quoted(PodCidrTypes.All)}");
        }

        if (spec.Mode is not null && !CoordinatorModes.All.Contains(spec.Mode))
        {
            problems.Error($"{path}.mode", $"Unsupported value: \"{spec.Mode}\": supported values: {Quoted(CoordinatorModes.All)}");
        }

        for (int i = 0; i < (spec.HijackCidr?.Count ?? 0); i++)
        {
            string value = spec.HijackCidr![i];
            if (!TryParseIpOrCidr(value, out _))
            {
                problems.Error($"{path}.hijackCIDR[{i}]", $"invalid IP or CIDR \"{value}\": write an address (169.254.0.0) or a CIDR (169.254.0.0/16)");
            }
        }

        for (int i = 0; i < (spec.PolicyRoutes?.Count ?? 0); i++)
        {
            CoordinatorPolicyRoute route = spec.PolicyRoutes![i];
            string at = $"{path}.policyRoutes[{i}]";
            bool dstOk = TryParseIpOrCidr(route.Dst, out IpFamily dstFamily);
            if (!dstOk)
            {
                problems.Error($"{at}.dst", $"invalid IP or CIDR \"{route.Dst}\": write an address or a CIDR such as 10.10.0.0/16");
            }

            if (!IpAddress.TryParse(route.Gw, out IpAddress gw))
            {
                problems.Error($"{at}.gw", $"gw is an invalid IP address: \"{route.Gw}\"");
            }
            else if (dstOk && gw.Family != dstFamily)
            {
                problems.Error(at, $"dst and gw must use the same IP family (dst {route.Dst}, gw {route.Gw})");
            }
        }

        CheckMacPrefix(spec.PodMacPrefix, $"{path}.podMACPrefix", problems);

        if (spec.TxQueueLen is < 0)
        {
            problems.Error($"{path}.txQueueLen", $"txQueueLen can't be less than 0 (got {spec.TxQueueLen})");
        }

        if (spec.PodRpFilter is > 2)
        {
            problems.Error($"{path}.podRPFilter", $"Unsupported value: {spec.PodRpFilter}: supported values: \"0\", \"1\", \"2\" (a negative value leaves rp_filter as it is)");
        }

        if (spec.HostRuleTable is <= 0)
        {
            problems.Error($"{path}.hostRuleTable", $"hostRuleTable must be greater than 0 (got {spec.HostRuleTable})");
        }

        if (!string.IsNullOrEmpty(spec.VethLinkAddress) && !IpAddress.TryParse(spec.VethLinkAddress, out _))
        {
            problems.Error($"{path}.vethLinkAddress", $"vethLinkAddress is an invalid IP address: \"{spec.VethLinkAddress}\"");
        }

        if (spec.VethMtu is <= 0)
        {
            problems.Error($"{path}.vethMTU", $"vethMTU must be greater than 0 (got {spec.VethMtu})");
        }
    }

    private static void CheckMacPrefix(string? prefix, string path, ValidationProblemCollector problems)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return;
        }

        string[] parts = prefix.Split(':');
        if (parts.Length != 2 || parts[0].Length != 2 || parts[1].Length != 2
            || !byte.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte first)
            || !byte.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
        {
            problems.Error(path, $"not a valid MAC prefix: \"{prefix}\"; write two hex bytes such as 0a:1b");
            return;
        }

        if ((first & 1) != 0)
        {
            problems.Error(path, $"not a unicast MAC: the lowest bit of the first byte must be 0 (\"{prefix}\")");
        }
    }

    private static bool TryParseIpOrCidr(string? value, out IpFamily family)
    {
        family = IpFamily.V4;
        if (value is null)
        {
            return false;
        }

        if (value.Contains('/', StringComparison.Ordinal))
        {
            bool ok = IpCidr.TryParse(value, out IpCidr cidr);
            family = cidr.Family;
            return ok;
        }

        bool parsed = IpAddress.TryParse(value, out IpAddress address);
        family = address.Family;
        return parsed;
    }

    internal static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"\"{v}\""));
}
