namespace Dragline.Sriov.Plan;

/// <summary>One device-plugin resource on this node and the VFs that feed it.</summary>
public sealed record SriovResourcePlan
{
    /// <summary>With prefix: <c>spidernet.io/mellanoxibsriov</c>.</summary>
    public required string ResourceName { get; init; }

    /// <summary>Without prefix: <c>mellanoxibsriov</c> (the policy's <c>resourceName</c>).</summary>
    public required string ShortName { get; init; }

    public required string Prefix { get; init; }

    /// <summary>The policies that name this resource.</summary>
    public required IReadOnlyList<string> Policies { get; init; }

    /// <summary><c>netdevice</c> or <c>vfio-pci</c>.</summary>
    public required string DeviceType { get; init; }

    public bool IsRdma { get; init; }

    /// <summary><c>ETH</c> or <c>IB</c>, of the PFs that feed the resource.</summary>
    public required string LinkType { get; init; }

    /// <summary>Mount <c>/dev/vhost-net</c> and <c>/dev/net/tun</c> too.</summary>
    public bool NeedVhostNet { get; init; }

    /// <summary>Do not report the NUMA node to the kubelet.</summary>
    public bool ExcludeTopology { get; init; }

    /// <summary>The VFs (PF and index range) that feed the resource, in PF order.</summary>
    public required IReadOnlyList<SriovVfRange> VfRanges { get; init; }

    public int VfCount => VfRanges.Sum(r => r.Count);
}
