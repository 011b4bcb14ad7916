using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>
/// The position of a PCI device in the PCIe tree, from the canonical sysfs path
/// (<c>/sys/devices/pci0000:85/0000:85:00.0/0000:86:00.0</c>): the host bridge (root complex)
/// <c>pci0000:85</c>, then the bridges from the root port down to the device's parent.
/// </summary>
public sealed record PciePath
{
    /// <summary>The host bridge folder name, <c>pci0000:85</c>; empty when the device is not under one (virtual buses).</summary>
    public required string HostBridge { get; init; }

    /// <summary>The bridges from the root port down to the device's parent; empty for a device on the root bus.</summary>
    public IReadOnlyList<PciAddress> Bridges { get; init; } = [];

    /// <summary>The canonical sysfs path, relative to the root: <c>sys/devices/pci0000:85/0000:85:00.0/0000:86:00.0</c>.</summary>
    public required string SysfsPath { get; init; }

    public override string ToString() =>
        Bridges.Count == 0 ? HostBridge : HostBridge + " > " + string.Join(" > ", Bridges);
}
