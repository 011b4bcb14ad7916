using Dragline.Api.Model.Spiderpool;
using Dragline.Core.Hardware;
using Dragline.Core.Net;

namespace Dragline.Api.Validation;

/// <summary>
/// Checks a SpiderEndpoint's recorded allocations are well formed. Upstream has no webhook for this kind
/// (the agent writes it); Dragline checks the shapes so a hand-written or restored endpoint cannot carry garbage.
/// </summary>
public sealed class SpiderEndpointValidator : ObjectValidator<SpiderEndpoint>
{
    protected override void ApplyDefaults(SpiderEndpoint obj, ValidationContext context)
    {
    }

    protected override void Validate(SpiderEndpoint obj, SpiderEndpoint? oldObject, ValidationContext context, ValidationProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(problems);
        List<IPAllocationDetail>? details = obj.Status?.Current?.IPs;
        for (int i = 0; i < (details?.Count ?? 0); i++)
        {
            IPAllocationDetail detail = details![i];
            string path = $"status.current.ips[{i}]";
            if (string.IsNullOrEmpty(detail.Interface))
            {
                problems.Error($"{path}.interface", "Required value");
            }

            CheckCidr(detail.IPv4, IpFamily.V4, $"{path}.ipv4", problems);
            CheckCidr(detail.IPv6, IpFamily.V6, $"{path}.ipv6", problems);
            CheckAddress(detail.IPv4Gateway, IpFamily.V4, $"{path}.ipv4Gateway", problems);
            CheckAddress(detail.IPv6Gateway, IpFamily.V6, $"{path}.ipv6Gateway", problems);
            if (detail.IPv4 is not null && string.IsNullOrEmpty(detail.IPv4Pool))
            {
                problems.Error($"{path}.ipv4Pool", "Required value: an IPv4 address must name the pool it came from");
            }

            if (detail.IPv6 is not null && string.IsNullOrEmpty(detail.IPv6Pool))
            {
                problems.Error($"{path}.ipv6Pool", "Required value: an IPv6 address must name the pool it came from");
            }

            if (detail.Vlan is < 0 or > 4094)
            {
                problems.Error($"{path}.vlan", $"Invalid value: {detail.Vlan}: must be in range [0,4094]");
            }

            if (detail.Mac is not null && detail.Mac.Length > 0 && !MacAddress.TryParse(detail.Mac, out _))
            {
                problems.Error($"{path}.mac", $"invalid MAC address '{detail.Mac}': write six hex bytes separated by ':', like 02:00:00:00:00:01");
            }
        }
    }

    private static void CheckCidr(string? value, IpFamily family, string path, ValidationProblemCollector problems)
    {
        if (value is not null && (!IpCidr.TryParse(value, out IpCidr cidr) || cidr.Family != family))
        {
            problems.Error(path, $"invalid IPv{(family == IpFamily.V4 ? 4 : 6)} address with prefix length '{value}', like {(family == IpFamily.V4 ? "172.18.40.10/24" : "fd00::10/64")}");
        }
    }

    private static void CheckAddress(string? value, IpFamily family, string path, ValidationProblemCollector problems)
    {
        if (!string.IsNullOrEmpty(value) && (!IpAddress.TryParse(value, out IpAddress address) || address.Family != family))
        {
            problems.Error(path, $"invalid IPv{(family == IpFamily.V4 ? 4 : 6)} address '{value}'");
        }
    }
}
