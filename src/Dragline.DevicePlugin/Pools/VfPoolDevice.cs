using Dragline.DevicePlugin.Config;
using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// A device of an SR-IOV pool as last seen: the PCI function (a VF, or a PF without VFs), its PF, the
/// selector that took it, and why it is unhealthy (null when healthy).
/// </summary>
public sealed record VfPoolDevice
{
    public required PciDevice Device { get; init; }

    public PciDevice? PhysicalFunction { get; init; }

    public required VfSelector Selector { get; init; }

    public string? UnhealthyReason { get; init; }

    public string Id => Device.Address.ToString();

    /// <summary>The NIC it sits on, for placement: its PF, or itself when it is not a VF.</summary>
    public PciDevice Nic => PhysicalFunction ?? Device;
}
