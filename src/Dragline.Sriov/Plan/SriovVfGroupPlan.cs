namespace Dragline.Sriov.Plan;

/// <summary>A range of VFs of one PF given to one resource by one policy.</summary>
public sealed record SriovVfGroupPlan
{
    /// <summary>The full resource name, with prefix: <c>spidernet.io/mellanoxibsriov</c>.</summary>
    public required string ResourceName { get; init; }

    public required string PolicyName { get; init; }

    /// <summary>First VF index, inclusive.</summary>
    public required int FirstVf { get; init; }

    /// <summary>Last VF index, inclusive.</summary>
    public required int LastVf { get; init; }

    /// <summary><c>netdevice</c> or <c>vfio-pci</c>.</summary>
    public required string DeviceType { get; init; }

    public bool IsRdma { get; init; }

    /// <summary>The VF MTU the policy asks for, if any.</summary>
    public int? Mtu { get; init; }

    public int Count => LastVf - FirstVf + 1;

    public bool Contains(int vf) => vf >= FirstVf && vf <= LastVf;
}
