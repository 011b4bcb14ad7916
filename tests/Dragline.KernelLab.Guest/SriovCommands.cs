using System.Globalization;
using Dragline.Core;
using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Netlink;

namespace Dragline.KernelLab.Guest;

/// <summary>SR-IOV: VFs through sysfs discovery, VF settings through Dragline's rtnetlink client.</summary>
internal static class SriovCommands
{
    public static void SetNumVfs(string pci, string count)
    {
        PciAddress address = PciAddress.Parse(pci);
        if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int wanted))
        {
            throw new UsageException($"'{count}' is not a VF count");
        }

        var discovery = new HostDiscovery(HostRoot.Live);
        PciDevice pf = discovery.ReadPciDevice(address) ?? throw new DraglineException(DraglineErrorReason.NotFound, $"no PCI device {address}");
        SriovCapability sriov = pf.Sriov ?? throw new DraglineException(DraglineErrorReason.NotFound, $"PCI device {address} has no SR-IOV capability (no sriov_totalvfs)");
        if (wanted > sriov.TotalVfs)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"cannot create {wanted} VFs on {address}: sriov_totalvfs is {sriov.TotalVfs}");
        }

        string file = $"/sys/bus/pci/devices/{address}/sriov_numvfs";
        // The kernel refuses to change a non-zero count directly (EBUSY): go through 0, as the SR-IOV operator does.
        if (sriov.NumVfs != 0 && wanted != 0)
        {
            File.WriteAllText(file, "0");
        }

        File.WriteAllText(file, wanted.ToString(CultureInfo.InvariantCulture));
        Record.Print("sriov-numvfs-set", ("pci", address), ("numvfs", wanted));
    }

    public static void Show(string pci)
    {
        PciAddress address = PciAddress.Parse(pci);
        var discovery = new HostDiscovery(HostRoot.Live);
        PciDevice pf = discovery.ReadPciDevice(address) ?? throw new DraglineException(DraglineErrorReason.NotFound, $"no PCI device {address}");
        SriovCapability? sriov = pf.Sriov;
        Record.Print("sriov-pf", ("pci", address), ("driver", pf.Driver), ("netdevs", string.Join(',', pf.NetDevices)), ("totalvfs", sriov?.TotalVfs), ("numvfs", sriov?.NumVfs), ("vfs", sriov?.VirtualFunctions.Count));
        foreach (VirtualFunctionLink vf in sriov?.VirtualFunctions ?? [])
        {
            PciDevice? device = discovery.ReadPciDevice(vf.Address);
            Record.Print(
                "sriov-vf",
                ("index", vf.Index),
                ("pci", vf.Address),
                ("driver", device?.Driver),
                ("netdevs", device is null ? null : string.Join(',', device.NetDevices)),
                ("physfn", device?.VirtualFunctionOf?.PhysicalFunction),
                ("physfn-index", device?.VirtualFunctionOf?.Index));
        }
    }

    public static void SetVf(string pfName, string vfText, string[] settings)
    {
        if (!int.TryParse(vfText, NumberStyles.None, CultureInfo.InvariantCulture, out int vf))
        {
            throw new UsageException($"'{vfText}' is not a VF number");
        }

        using RtNetlinkClient client = RtNetlinkClient.Open();
        int pf = client.GetLink(pfName).Index;
        foreach (string setting in settings)
        {
            string[] pair = setting.Split('=', 2);
            string value = pair.Length == 2 ? pair[1] : throw new UsageException($"'{setting}' is not KEY=VALUE");
            switch (pair[0])
            {
                case "mac":
                    client.SetVfMac(pf, vf, MacAddress.Parse(value));
                    break;
                case "trust":
                    client.SetVfTrust(pf, vf, OnOff(value));
                    break;
                case "spoofchk":
                    client.SetVfSpoofCheck(pf, vf, OnOff(value));
                    break;
                case "vlan":
                    client.SetVfVlan(pf, vf, int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new UsageException($"unknown VF setting '{pair[0]}': use mac, trust, spoofchk or vlan");
            }

            Record.Print("vf-set", ("pf", pfName), ("vf", vf), (pair[0], value));
        }
    }

    public static void ShowVfs(string pfName)
    {
        using RtNetlinkClient client = RtNetlinkClient.Open();
        NetworkLink pf = client.GetLink(pfName);
        Record.Print("vf-pf", ("name", pf.Name), ("index", pf.Index), ("numvf", pf.VfCount), ("vfs", pf.Vfs.Count));
        foreach (VirtualFunctionInfo vf in pf.Vfs)
        {
            Record.Print(
                "vf",
                ("vf", vf.Vf),
                ("mac", vf.Mac?.ToString()),
                ("vlan", vf.Vlan),
                ("qos", vf.Qos),
                ("spoofchk", vf.SpoofCheck),
                ("trust", vf.Trust));
        }
    }

    private static bool OnOff(string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new UsageException($"'{value}' is not on or off"),
    };
}
