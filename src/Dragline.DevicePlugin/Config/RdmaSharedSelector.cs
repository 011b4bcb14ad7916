namespace Dragline.DevicePlugin.Config;

/// <summary>
/// The selectors of an RDMA shared pool, as k8s-rdma-shared-dev-plugin has them. Inside a list the
/// values are ORed; across keys they are ANDed; an empty list does not filter.
/// </summary>
public sealed record RdmaSharedSelector
{
    /// <summary>PCI vendor ids without <c>0x</c>: <c>15b3</c>.</summary>
    public IReadOnlyList<string> Vendors { get; init; } = [];

    /// <summary>PCI device ids: <c>101d</c>.</summary>
    public IReadOnlyList<string> DeviceIds { get; init; } = [];

    public IReadOnlyList<string> Drivers { get; init; } = [];

    /// <summary>Netdev names of the HCAs (the first netdev of each PCI function).</summary>
    public IReadOnlyList<string> IfNames { get; init; } = [];

    /// <summary><c>ether</c> or <c>infiniband</c>.</summary>
    public IReadOnlyList<string> LinkTypes { get; init; } = [];
}
