using Dragline.DevicePlugin.Config;
using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>A PCI function taken into an SR-IOV pool, with the selector that took it (it decides what Allocate mounts).</summary>
public sealed record SelectedVf(PciDevice Device, VfSelector Selector);
