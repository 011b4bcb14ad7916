using Dragline.Linux.Discovery;

namespace Dragline.KernelLab.Guest;

/// <summary>Dragline's sysfs discovery on the guest's live sysfs: RDMA device → netdev and char devices, VF netdev → PF and VF index.</summary>
internal static class DiscoveryCommands
{
    public static void Discover()
    {
        HostInventory inventory = new HostDiscovery(HostRoot.Live).Discover();
        foreach (RdmaDevice device in inventory.RdmaDevices)
        {
            Record.Print(
                "disc-rdma",
                ("name", device.Name),
                ("netdevs", Join(device.Ports.Select(p => p.NetDevice).OfType<string>())),
                ("chardevs", Join(device.CharDevices.Select(c => c.DevicePath))),
                ("chardevs-present", device.CharDevices.Count > 0 && device.CharDevices.All(c => c.Exists)));
        }

        foreach (PciDevice vf in inventory.PciDevices.Where(d => d.IsVirtualFunction))
        {
            PciDevice? pf = inventory.FindPci(vf.VirtualFunctionOf!.PhysicalFunction);
            foreach (string netdev in vf.NetDevices.DefaultIfEmpty("-"))
            {
                Record.Print(
                    "disc-vf",
                    ("netdev", netdev),
                    ("pci", vf.Address),
                    ("pf", vf.VirtualFunctionOf.PhysicalFunction),
                    ("pf-netdevs", pf is null ? null : Join(pf.NetDevices)),
                    ("index", vf.VirtualFunctionOf.Index));
            }
        }
    }

    private static string Join(IEnumerable<string> values)
    {
        string joined = string.Join(',', values.Order(StringComparer.Ordinal));
        return joined.Length == 0 ? "-" : joined;
    }
}
