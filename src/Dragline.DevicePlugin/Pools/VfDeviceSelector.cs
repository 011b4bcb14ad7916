using Dragline.DevicePlugin.Config;
using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// Puts the host's PCI functions into SR-IOV pools by their selectors (SR-IOV reference 2.2–2.3).
/// Candidates are network controllers (class 0x02; 0x12 for accelerator pools), minus any function
/// with a netdev that carries the IPv4 default route (the host's own uplink) and minus PFs that have
/// VFs. Pools and their selectors are evaluated in order, and a device goes to the first that matches:
/// a device belongs to at most one pool.
/// </summary>
public static class VfDeviceSelector
{
    /// <summary>The devices of each pool, in the order of <paramref name="pools"/>, each list ordered by PCI address.</summary>
    public static IReadOnlyList<IReadOnlyList<SelectedVf>> Select(HostView host, IReadOnlyList<VfPoolDefinition> pools)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(pools);
        var taken = new HashSet<Core.Hardware.PciAddress>();
        var result = new List<IReadOnlyList<SelectedVf>>();
        foreach (VfPoolDefinition pool in pools)
        {
            var devices = new List<SelectedVf>();
            PciDevice[] candidates = host.Inventory.PciDevices.Where(d => IsCandidate(host, d, pool.DeviceType)).ToArray();
            foreach (VfSelector selector in pool.Selectors)
            {
                foreach (PciDevice device in candidates)
                {
                    if (!taken.Contains(device.Address) && Matches(host, device, selector))
                    {
                        taken.Add(device.Address);
                        devices.Add(new SelectedVf(device, selector));
                    }
                }
            }

            devices.Sort((a, b) => a.Device.Address.CompareTo(b.Device.Address));
            result.Add(devices);
        }

        return result;
    }

    /// <summary>Whether a device is offered to pools of this type at all.</summary>
    public static bool IsCandidate(HostView host, PciDevice device, VfDeviceType type)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(device);
        if (type == VfDeviceType.Accelerator)
        {
            return device.BaseClass == 0x12;
        }

        return device.IsNetworkController
            && !device.NetDevices.Any(host.DefaultRouteInterfaces.Contains)
            && device.Sriov is not { NumVfs: > 0 };
    }

    /// <summary>Whether one selector object takes <paramref name="device"/>.</summary>
    public static bool Matches(HostView host, PciDevice device, VfSelector selector)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(selector);
        PciDevice? pf = device.VirtualFunctionOf is { } origin ? host.Pci(origin.PhysicalFunction) : null;
        return Any(selector.Vendors, device.VendorId.ToString("x4"))
            && Any(selector.Devices, device.DeviceId.ToString("x4"))
            && Any(selector.Drivers, device.Driver)
            && Any(selector.PciAddresses, device.Address.ToString())
            && Any(selector.AcpiIndexes, host.Root.ReadValue($"sys/bus/pci/devices/{device.Address}/acpi_index"))
            && MatchesPfNames(host, device, pf, selector.PfNames)
            && MatchesRootDevices(device, selector.RootDevices)
            && Any(selector.LinkTypes, LinkType(host, device, pf))
            && Any(selector.PKeys, PKey(host, device))
            && (!selector.IsRdma || device.RdmaDevices.Count > 0);
    }

    /// <summary>
    /// The link type of a device's netdev, or of its PF's when the VF has none on the host (it is in a
    /// pod): the fix of sriov-network-device-plugin#565, so a restart does not lose VFs that pods hold.
    /// </summary>
    public static string? LinkType(HostView host, PciDevice device, PciDevice? pf)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(device);
        NetDevice? net = host.Net(HostView.FirstNetDevice(device)) ?? (pf is null ? null : host.Net(HostView.FirstNetDevice(pf)));
        return net is null ? null : HostView.LinkTypeName(net);
    }

    private static bool MatchesPfNames(HostView host, PciDevice device, PciDevice? pf, IReadOnlyList<VfIndexSelector> entries)
    {
        if (entries.Count == 0)
        {
            return true;
        }

        if (pf is null || device.VirtualFunctionOf is not { } origin)
        {
            return false;
        }

        string? name = HostView.FirstNetDevice(pf);
        if (name is null)
        {
            return false;
        }

        IReadOnlyList<string> altNames = host.Net(name)?.AltNames ?? [];
        return entries.Any(e =>
            (string.Equals(e.PhysicalFunction, name, StringComparison.OrdinalIgnoreCase)
             || altNames.Any(a => string.Equals(e.PhysicalFunction, a, StringComparison.OrdinalIgnoreCase)))
            && e.Includes(origin.Index));
    }

    private static bool MatchesRootDevices(PciDevice device, IReadOnlyList<VfIndexSelector> entries)
    {
        if (entries.Count == 0)
        {
            return true;
        }

        if (device.VirtualFunctionOf is not { } origin)
        {
            return false;
        }

        return entries.Any(e =>
            Core.Hardware.PciAddress.TryParse(e.PhysicalFunction, out Core.Hardware.PciAddress address)
            && address == origin.PhysicalFunction
            && e.Includes(origin.Index));
    }

    private static string? PKey(HostView host, PciDevice device) =>
        device.RdmaDevices.Count == 0 ? null : host.Root.ReadValue($"sys/bus/pci/devices/{device.Address}/infiniband/{device.RdmaDevices[0]}/ports/1/pkeys/0");

    private static bool Any(IReadOnlyList<string> wanted, string? value) =>
        wanted.Count == 0 || (value is not null && wanted.Any(w => string.Equals(w, value, StringComparison.OrdinalIgnoreCase)));
}
