using System.Text.Json;
using Dragline.Api.Model.Spiderpool;
using Dragline.Core.Net;

namespace Dragline.Api.Validation;

/// <summary>Spiderpool's SpiderSubnet webhooks.</summary>
public sealed class SpiderSubnetValidator : ObjectValidator<SpiderSubnet>
{
    /// <summary>Label that marks a pool as controlled by a subnet.</summary>
    public const string OwnerSubnetLabel = "ipam.spidernet.io/owner-spider-subnet";

    protected override void ApplyDefaults(SpiderSubnet obj, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(obj);
        SubnetSpec spec = obj.Spec;
        spec.IPVersion ??= SpiderpoolIPRules.VersionOfCidr(spec.Subnet);
        spec.IPs = SpiderpoolIPRules.Merge(spec.IPVersion, spec.IPs);
        spec.ExcludeIPs = SpiderpoolIPRules.Merge(spec.IPVersion, spec.ExcludeIPs);
    }

    protected override void Validate(SpiderSubnet obj, SpiderSubnet? oldObject, ValidationContext context, ValidationProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        SubnetSpec spec = obj.Spec;
        if (oldObject is not null)
        {
            if (oldObject.Spec.IPVersion != spec.IPVersion)
            {
                problems.Error("spec.ipVersion", "is not changeable");
            }

            if (oldObject.Spec.Subnet != spec.Subnet)
            {
                problems.Error("spec.subnet", "is not changeable");
            }
        }

        if (!SpiderpoolIPRules.CheckVersion(spec.IPVersion, "is not generated correctly, 'spec.subnet' may be invalid", context, problems)
            || SpiderpoolIPRules.FamilyOf(spec.IPVersion) is not IpFamily family
            || SpiderpoolIPRules.CheckSubnet(spec.Subnet, family, problems) is not IpCidr subnet)
        {
            return;
        }

        IpRangeSet? ips = SpiderpoolIPRules.CheckRanges("spec.ips", spec.IPs, family, subnet, problems);
        IpRangeSet? excluded = SpiderpoolIPRules.CheckRanges("spec.excludeIPs", spec.ExcludeIPs, family, subnet, problems);
        IpRangeSet? total = ips is not null && excluded is not null ? ips.Except(excluded) : null;
        if (SpiderpoolIPRules.CheckGateway(spec.Gateway, family, subnet, "Subnet", problems) is IpAddress gateway && total?.Contains(gateway) == true)
        {
            problems.Error("spec.ips", $"conflicts with 'spec.gateway' {gateway}, add the gateway IP address to 'spec.excludeIPs' or remove it from 'spec.ips'");
        }

        SpiderpoolIPRules.CheckRoutes(spec.Routes, family, subnet, "Subnet", problems);

        foreach (SpiderSubnet other in context.OfType<SpiderSubnet>())
        {
            if (other.Metadata.Name != obj.Metadata.Name && IpCidr.TryParse(other.Spec.Subnet, out IpCidr otherSubnet)
                && otherSubnet.Family == family && otherSubnet.Overlaps(subnet))
            {
                problems.Error("spec.subnet", $"overlap with Subnet {other.Metadata.Name} which 'spec.subnet' is {other.Spec.Subnet}");
            }
        }

        foreach (SpiderIPPool pool in context.OfType<SpiderIPPool>())
        {
            if (!IpCidr.TryParse(pool.Spec.Subnet, out IpCidr poolSubnet) || poolSubnet.Family != family || !poolSubnet.Overlaps(subnet))
            {
                continue;
            }

            bool controlled = pool.Metadata.Labels?.TryGetValue(OwnerSubnetLabel, out string? owner) == true && owner == obj.Metadata.Name;
            if (poolSubnet.Canonical != subnet)
            {
                problems.Error("spec.subnet", $"overlap with SpiderIPPool '{pool.Metadata.Name}' resource 'spec.subnet' {pool.Spec.Subnet}");
            }
            else if (!controlled)
            {
                problems.Error("spec.subnet", $"SpiderIPPool '{pool.Metadata.Name}' owns some IP addresses that SpiderSubnet '{obj.Metadata.Name}' can't control");
            }
        }

        if (oldObject is not null && total is not null)
        {
            CheckControlledRanges(oldObject, family, total, problems);
        }
    }

    private static void CheckControlledRanges(SpiderSubnet oldObject, IpFamily family, IpRangeSet total, ValidationProblemCollector problems)
    {
        string? controlled = oldObject.Status?.ControlledIPPools;
        if (string.IsNullOrWhiteSpace(controlled))
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(controlled);
        }
        catch (JsonException ex)
        {
            problems.Warning("status.controlledIPPools", $"the stored subnet's pool records cannot be read, so removed ranges were not checked: {ex.Message}");
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (JsonProperty pool in document.RootElement.EnumerateObject())
            {
                if (pool.Value.ValueKind != JsonValueKind.Object || !pool.Value.TryGetProperty("ips", out JsonElement ipsElement) || ipsElement.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                List<string> ranges = [.. ipsElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)];
                if (IpRangeSet.TryParse(family, ranges, out IpRangeSet? used, out _))
                {
                    IpRangeSet missing = used.Except(total);
                    if (!missing.IsEmpty)
                    {
                        problems.Error("spec.ips", $"remove some IP ranges {SpiderpoolIPRules.GoList(missing.ToRangeStrings())} that is being used by IPPool {pool.Name}, total IP addresses of a Subnet are jointly determined by 'spec.ips' and 'spec.excludeIPs'");
                    }
                }
            }
        }
    }
}
