using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Core;
using Dragline.Core.Net;

namespace Dragline.Ipam;

/// <summary>
/// A pool made ready to allocate from: <c>ips − excludeIPs − gateway</c> (clipped to the subnet) as a
/// range set, so picking the lowest free address costs the number of ranges, never the size of the
/// subnet.
/// </summary>
internal sealed record CompiledPool(string Name, IpFamily Family, IpCidr Subnet, IpRangeSet Usable, IpAddress? Gateway, IReadOnlyList<Route> Routes, SpiderIPPool Source)
{
    public bool IsTerminating => !string.IsNullOrEmpty(Source.Metadata.DeletionTimestamp);

    public bool IsDisabled => Source.Spec.Disable == true;

    public static CompiledPool Compile(SpiderIPPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        string name = pool.Metadata.Name ?? "";
        IPPoolSpec spec = pool.Spec;
        if (string.IsNullOrEmpty(spec.Subnet) || !IpCidr.TryParse(spec.Subnet, out IpCidr subnet))
        {
            throw new DraglineException(DraglineErrorReason.Malformed, $"IPPool {name} has spec.subnet '{spec.Subnet}', which is not a CIDR; fix the pool");
        }

        if (!subnet.IsCanonical)
        {
            throw new DraglineException(DraglineErrorReason.Malformed,
                $"IPPool {name} has spec.subnet '{spec.Subnet}' with host bits set; write it as {subnet.Canonical}");
        }

        IpFamily family = subnet.Family;
        if (spec.IPVersion is { } version && version != (int)family)
        {
            throw new DraglineException(DraglineErrorReason.Malformed, $"IPPool {name} has spec.ipVersion {version} but spec.subnet {spec.Subnet} is IPv{(int)family}; fix the pool");
        }

        IpRangeSet ips = ParseList(name, "ips", family, spec.IPs);
        IpRangeSet exclude = ParseList(name, "excludeIPs", family, spec.ExcludeIPs);
        IpAddress? gateway = null;
        if (!string.IsNullOrEmpty(spec.Gateway))
        {
            if (!IpAddress.TryParse(spec.Gateway, out IpAddress parsed) || parsed.Family != family)
            {
                throw new DraglineException(DraglineErrorReason.Malformed, $"IPPool {name} has spec.gateway '{spec.Gateway}', which is not an IPv{(int)family} address; fix the pool");
            }

            gateway = parsed;
            exclude = exclude.Union(IpRangeSet.FromAddress(parsed));
        }

        IpRangeSet usable = ips.Intersect(IpRangeSet.FromCidr(subnet)).Except(exclude);
        return new CompiledPool(name, family, subnet, usable, gateway, spec.Routes ?? [], pool);
    }

    private static IpRangeSet ParseList(string pool, string field, IpFamily family, List<string>? items)
    {
        if (!IpRangeSet.TryParse(family, items ?? [], out IpRangeSet? set, out string? error))
        {
            throw new DraglineException(DraglineErrorReason.Malformed, $"IPPool {pool} spec.{field}: {error}");
        }

        return set;
    }
}
