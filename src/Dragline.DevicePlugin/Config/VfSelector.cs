namespace Dragline.DevicePlugin.Config;

/// <summary>
/// One selector object of an SR-IOV pool, as in sriov-network-device-plugin's netDevice selectors.
/// Inside a list the values are ORed; across keys they are ANDed; an empty list does not filter.
/// </summary>
public sealed record VfSelector
{
    /// <summary>PCI vendor ids as sysfs prints them without <c>0x</c>: <c>15b3</c>.</summary>
    public IReadOnlyList<string> Vendors { get; init; } = [];

    /// <summary>PCI device ids (of the VF for VF pools): <c>1018</c>.</summary>
    public IReadOnlyList<string> Devices { get; init; } = [];

    /// <summary>Bound driver names: <c>mlx5_core</c>, <c>vfio-pci</c>.</summary>
    public IReadOnlyList<string> Drivers { get; init; } = [];

    /// <summary>PCI addresses of the devices themselves.</summary>
    public IReadOnlyList<string> PciAddresses { get; init; } = [];

    /// <summary>ACPI indexes (<c>acpi_index</c>).</summary>
    public IReadOnlyList<string> AcpiIndexes { get; init; } = [];

    /// <summary>PF netdev names (or alternative names) with optional VF ranges.</summary>
    public IReadOnlyList<VfIndexSelector> PfNames { get; init; } = [];

    /// <summary>PF PCI addresses with optional VF ranges.</summary>
    public IReadOnlyList<VfIndexSelector> RootDevices { get; init; } = [];

    /// <summary>Link types: <c>ether</c>, <c>infiniband</c>.</summary>
    public IReadOnlyList<string> LinkTypes { get; init; } = [];

    /// <summary>InfiniBand PKeys at index 0, as sysfs prints them: <c>0xffff</c>.</summary>
    public IReadOnlyList<string> PKeys { get; init; } = [];

    /// <summary>Keep only devices with an RDMA device, and mount its character devices on Allocate.</summary>
    public bool IsRdma { get; init; }

    /// <summary>Mount <c>/dev/vhost-net</c> and <c>/dev/net/tun</c> on Allocate.</summary>
    public bool NeedVhostNet { get; init; }
}
