using Dragline.Api.Model.Spiderpool;
using Dragline.Core;
using Dragline.Core.Net;

namespace Dragline.Api.Validation;

/// <summary>Spiderpool's SpiderIPPool webhooks (mutating and validating), ported from <c>pkg/ippoolmanager/ippool_webhook.go</c> behaviour.</summary>
public sealed class SpiderIPPoolValidator : ObjectValidator<SpiderIPPool>
{
    private const string JointlyDetermined = "total IP addresses of an IPPool are jointly determined by 'spec.ips' and 'spec.excludeIPs'";

    protected override void ApplyDefaults(SpiderIPPool obj, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(obj);
        IPPoolSpec spec = obj.Spec;
        spec.IPVersion ??= SpiderpoolIPRules.VersionOfCidr(spec.Subnet);
        spec.IPs = SpiderpoolIPRules.Merge(spec.IPVersion, spec.IPs);
        spec.ExcludeIPs = SpiderpoolIPRules.Merge(spec.IPVersion, spec.ExcludeIPs);
        spec.Default ??= false;
        spec.Disable ??= false;
        if (IpCidr.TryParse(spec.Subnet, out _))
        {
            obj.Metadata.Labels ??= [];
            obj.Metadata.Labels[SpiderpoolApi.IPPoolCidrLabel] = SpiderpoolIPRules.CidrLabelValue(spec.Subnet!);
        }

        if (obj.Metadata.DeletionTimestamp is null)
        {
            obj.Metadata.Finalizers ??= [];
            if (!obj.Metadata.Finalizers.Contains(SpiderpoolApi.Finalizer))
            {
                obj.Metadata.Finalizers.Add(SpiderpoolApi.Finalizer);
            }
        }
    }

    protected override void Validate(SpiderIPPool obj, SpiderIPPool? oldObject, ValidationContext context, ValidationProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        IPPoolSpec spec = obj.Spec;
        if (oldObject is not null)
        {
            if (oldObject.Metadata.DeletionTimestamp is not null)
            {
                problems.Error("", "cannot update a terminating IPPool");
            }

            if (oldObject.Spec.IPVersion != spec.IPVersion)
            {
                problems.Error("spec.ipVersion", "is not changeable");
            }

            if (oldObject.Spec.Subnet != spec.Subnet)
            {
                problems.Error("spec.subnet", "is not changeable");
            }
        }

        CheckSelectors(spec, problems);
        CheckMultusNames(spec, problems);

        if (!SpiderpoolIPRules.CheckVersion(spec.IPVersion, "is not generated correctly, 'spec.subnet' may be invalid", context, problems)
            || SpiderpoolIPRules.FamilyOf(spec.IPVersion) is not IpFamily family
            || SpiderpoolIPRules.CheckSubnet(spec.Subnet, family, problems) is not IpCidr subnet)
        {
            return;
        }

        IpRangeSet? ips = SpiderpoolIPRules.CheckRanges("spec.ips", spec.IPs, family, subnet, problems);
        IpRangeSet? excluded = SpiderpoolIPRules.CheckRanges("spec.excludeIPs", spec.ExcludeIPs, family, subnet, problems);
        IpRangeSet? total = ips is not null && excluded is not null ? ips.Except(excluded) : null;

        if (SpiderpoolIPRules.CheckGateway(spec.Gateway, family, subnet, "IPPool", problems) is IpAddress gateway && total?.Contains(gateway) == true)
        {
            problems.Error("spec.ips", $"conflicts with 'spec.gateway' {gateway}, add the gateway IP address to 'spec.excludeIPs' or remove it from 'spec.ips'");
        }

        SpiderpoolIPRules.CheckRoutes(spec.Routes, family, subnet, "IPPool", problems);
        CheckStatus(obj, problems);

        if (total is null)
        {
            return;
        }

        CheckOverlaps(obj, family, subnet, total, context, problems);
        if (oldObject is not null)
        {
            CheckInUse(oldObject, total, problems);
        }
    }

    /// <summary>|ips − excludeIPs|, as the controller computes <c>status.totalIPCount</c>; null when the lists are invalid.</summary>
    public static UInt128? TotalIPCount(IPPoolSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        long? version = spec.IPVersion ?? SpiderpoolIPRules.VersionOfCidr(spec.Subnet);
        return TotalIPs(version, spec.IPs, spec.ExcludeIPs)?.Count;
    }

    internal static IpRangeSet? TotalIPs(long? version, List<string>? ips, List<string>? excludeIPs)
    {
        if (SpiderpoolIPRules.FamilyOf(version) is not IpFamily family
            || !IpRangeSet.TryParse(family, ips ?? [], out IpRangeSet? included, out _)
            || !IpRangeSet.TryParse(family, excludeIPs ?? [], out IpRangeSet? excluded, out _))
        {
            return null;
        }

        return included.Except(excluded);
    }

    private static void CheckSelectors(IPPoolSpec spec, ValidationProblemCollector problems)
    {
        if (spec.PodAffinity is { IsEmpty: true })
        {
            problems.Error("spec.podAffinity", "empty podAffinity is invalid for SpiderIPPool");
        }

        LabelSelectorRules.Check(spec.PodAffinity, "spec.podAffinity", problems);
        LabelSelectorRules.Check(spec.NamespaceAffinity, "spec.namespaceAffinity", problems);
        LabelSelectorRules.Check(spec.NodeAffinity, "spec.nodeAffinity", problems);
    }

    private static void CheckMultusNames(IPPoolSpec spec, ValidationProblemCollector problems)
    {
        for (int i = 0; i < (spec.MultusName?.Count ?? 0); i++)
        {
            string name = spec.MultusName![i];
            string[] parts = name.Split('/');
            if (parts.Length > 2 || parts.Any(p => p.Length == 0))
            {
                problems.Error($"spec.multusName[{i}]", $"invalid Multus network '{name}': write 'namespace/name' or 'name'");
            }
        }
    }

    private static void CheckStatus(SpiderIPPool obj, ValidationProblemCollector problems)
    {
        try
        {
            obj.Status?.ParseAllocatedIPs();
        }
        catch (DraglineException ex)
        {
            problems.Error("status.allocatedIPs", ex.Message);
        }
    }

    private static void CheckOverlaps(SpiderIPPool obj, IpFamily family, IpCidr subnet, IpRangeSet total, ValidationContext context, ValidationProblemCollector problems)
    {
        foreach (SpiderIPPool other in context.OfType<SpiderIPPool>())
        {
            if (other.Metadata.Name == obj.Metadata.Name || !IpCidr.TryParse(other.Spec.Subnet, out IpCidr otherSubnet) || otherSubnet.Family != family)
            {
                continue;
            }

            if (otherSubnet.Canonical != subnet)
            {
                if (otherSubnet.Overlaps(subnet))
                {
                    problems.Error("spec.subnet", $"overlap with IPPool {other.Metadata.Name} which 'spec.subnet' is {other.Spec.Subnet}");
                }

                continue;
            }

            IpRangeSet? otherTotal = TotalIPs(other.Spec.IPVersion ?? SpiderpoolIPRules.VersionOfCidr(other.Spec.Subnet), other.Spec.IPs, other.Spec.ExcludeIPs);
            IpRangeSet? shared = otherTotal is null ? null : total.Intersect(otherTotal);
            if (shared is { IsEmpty: false })
            {
                problems.Error("spec.ips", $"overlap with IPPool {other.Metadata.Name} in IP ranges {SpiderpoolIPRules.GoList(shared.ToRangeStrings())}, {JointlyDetermined}");
            }
        }
    }

    private static void CheckInUse(SpiderIPPool oldObject, IpRangeSet total, ValidationProblemCollector problems)
    {
        SortedDictionary<string, PoolIPAllocation> allocated;
        try
        {
            allocated = oldObject.Status?.ParseAllocatedIPs() ?? new SortedDictionary<string, PoolIPAllocation>(StringComparer.Ordinal);
        }
        catch (DraglineException ex)
        {
            problems.Warning("status.allocatedIPs", $"the stored pool's allocations cannot be read, so removed addresses were not checked: {ex.Message}");
            return;
        }

        foreach ((string ip, PoolIPAllocation holder) in allocated)
        {
            if (IpAddress.TryParse(ip, out IpAddress address) && !total.Contains(address))
            {
                problems.Error("spec.ips", $"remove an IP address {ip} that is being used by Pod {holder.Pod}, {JointlyDetermined}");
            }
        }
    }
}
