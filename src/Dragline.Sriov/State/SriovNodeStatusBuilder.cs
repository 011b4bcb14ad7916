using System.Globalization;
using System.Text.Json;
using Dragline.Api.Model.Sriov;
using Dragline.Linux.Discovery;

namespace Dragline.Sriov.State;

/// <summary>
/// Turns a host inventory into <c>SriovNetworkNodeState.status</c> as the operator's config daemon reports it
/// (sriov-rdma.md 1.7–1.8): one entry per network PF that has a netdev, its VFs from the <c>virtfnN</c> links.
/// Unlike the daemon, every network controller is reported, not only those on a supported-NIC list.
/// </summary>
public static class SriovNodeStatusBuilder
{
    /// <summary>
    /// A Dragline field of each VF (<c>Vfs[].rdmaDevice</c>): the VF's RDMA device, e.g. <c>mlx5_2</c>. Upstream has no
    /// such field; kept in the VF's extension data so the upstream shape is otherwise unchanged.
    /// </summary>
    public const string RdmaDeviceField = "rdmaDevice";

    /// <summary>Builds the status; <c>syncStatus</c> and <c>lastSyncError</c> are left unset.</summary>
    public static SriovNetworkNodeStateStatus Build(HostInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var interfaces = new List<SriovInterfaceStatus>();
        foreach (PciDevice pf in inventory.PciDevices)
        {
            if (!pf.IsNetworkController || pf.IsVirtualFunction || pf.NetDevices.Count == 0)
            {
                continue;
            }

            interfaces.Add(BuildInterface(inventory, pf));
        }

        return new SriovNetworkNodeStateStatus { Interfaces = interfaces };
    }

    /// <summary>The VF's RDMA device from <see cref="RdmaDeviceField"/>, or null.</summary>
    public static string? RdmaDeviceOf(SriovVirtualFunctionStatus vf)
    {
        ArgumentNullException.ThrowIfNull(vf);
        return vf.ExtensionData is { } data && data.TryGetValue(RdmaDeviceField, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }

    private static SriovInterfaceStatus BuildInterface(HostInventory inventory, PciDevice pf)
    {
        string name = pf.NetDevices[0];
        NetDevice? net = inventory.FindNet(name);
        var status = new SriovInterfaceStatus
        {
            Name = name,
            PciAddress = pf.Address.ToString(),
            Vendor = pf.VendorId.ToString("x4", CultureInfo.InvariantCulture),
            DeviceID = pf.DeviceId.ToString("x4", CultureInfo.InvariantCulture),
            Driver = pf.Driver,
            Mac = net?.HardwareAddress?.ToString(),
            Mtu = net?.Mtu,
            LinkType = LinkTypeOf(net),
            LinkSpeed = net?.SpeedMbps is long speed ? $"{speed} Mb/s" : null,
            LinkAdminState = AdminStateOf(inventory.Root, name),
            AltNames = net is { AltNames.Count: > 0 } ? [.. net.AltNames] : null,
        };

        if (pf.Sriov is { } sriov)
        {
            status.TotalVfs = sriov.TotalVfs;
            status.NumVfs = sriov.NumVfs;
            status.ESwitchMode = "legacy"; // devlink is not read; upstream falls back to legacy too
            if (sriov.VirtualFunctions.Count > 0)
            {
                status.Vfs = [.. sriov.VirtualFunctions.Select(link => BuildVf(inventory, link))];
            }
        }

        return status;
    }

    private static SriovVirtualFunctionStatus BuildVf(HostInventory inventory, VirtualFunctionLink link)
    {
        PciDevice? device = inventory.FindPci(link.Address);
        var vf = new SriovVirtualFunctionStatus { VfId = link.Index, PciAddress = link.Address.ToString() };
        if (device is null)
        {
            return vf;
        }

        vf.Vendor = device.VendorId.ToString("x4", CultureInfo.InvariantCulture);
        vf.DeviceID = device.DeviceId.ToString("x4", CultureInfo.InvariantCulture);
        vf.Driver = device.Driver;
        if (device.NetDevices.Count > 0 && inventory.FindNet(device.NetDevices[0]) is { } net)
        {
            vf.Name = net.Name;
            vf.Mtu = net.Mtu;
            vf.Mac = net.HardwareAddress?.ToString();
        }

        // Upstream reports the node GUID only when the VF has exactly one RDMA device.
        if (device.RdmaDevices.Count == 1)
        {
            string rdma = device.RdmaDevices[0];
            vf.ExtensionData = new Dictionary<string, JsonElement> { [RdmaDeviceField] = JsonSerializer.SerializeToElement(rdma, SriovJsonContext.Default.String) };
            if (inventory.FindRdma(rdma)?.NodeGuid is { } guid)
            {
                vf.Guid = guid.ToString();
            }
        }

        return vf;
    }

    private static string? LinkTypeOf(NetDevice? net) => net?.LinkType switch
    {
        NetLinkType.Ether => SriovLinkTypes.Ethernet,
        NetLinkType.InfiniBand => SriovLinkTypes.InfiniBand,
        _ => null,
    };

    private static string? AdminStateOf(HostRoot root, string name) =>
        root.ReadHex("sys/class/net/" + name + "/flags") is ulong flags ? ((flags & 1) != 0 ? "up" : "down") : null;
}
