using Dragline.Sriov;
using Dragline.Sriov.Plan;

namespace Dragline.DevicePlugin.Config;

/// <summary>
/// The VF pools a node's planned SR-IOV policies feed: one pool per resource, selecting exactly the VF
/// index ranges the plan gave it on each PF (the operator's device-plugin ConfigMap, sriov-rdma.md 1.10,
/// without the detour through vendor and device IDs).
/// </summary>
public static class SriovPolicyPools
{
    /// <summary>A configuration with one VF pool per resource of <paramref name="plan"/>.</summary>
    public static DevicePluginConfig FromPlan(SriovNodePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new DevicePluginConfig { VfPools = [.. plan.Resources.Select(ToPool)] };
    }

    /// <summary>The pool of one planned resource.</summary>
    public static VfPoolDefinition ToPool(SriovResourcePlan resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        bool vfio = resource.DeviceType == SriovDeviceTypes.VfioPci;
        var selector = new VfSelector
        {
            PfNames = [.. resource.VfRanges
                .GroupBy(r => r.PfName, StringComparer.Ordinal)
                .Select(g => new VfIndexSelector
                {
                    PhysicalFunction = g.Key,
                    Indices = new SortedSet<int>(g.SelectMany(r => Enumerable.Range(r.FirstVf, r.Count))),
                })],

            // As the operator renders it: link types only for kernel-driver VFs; a vfio-pci VF has no netdev to ask.
            LinkTypes = vfio ? [] : SriovLinkTypes.Normalise(resource.LinkType) switch
            {
                SriovLinkTypes.InfiniBand => ["infiniband"],
                SriovLinkTypes.Ethernet => ["ether"],
                _ => [],
            },
            Drivers = vfio ? [SriovDeviceTypes.VfioPci] : [],
            IsRdma = resource.IsRdma,
            NeedVhostNet = resource.NeedVhostNet,
        };

        return new VfPoolDefinition
        {
            ResourceName = resource.ShortName,
            ResourcePrefix = resource.Prefix,
            ExcludeTopology = resource.ExcludeTopology,
            Selectors = [selector],
        };
    }
}
