using System.Globalization;
using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// One discovery of the host, with the lookups the pools need: PCI devices and netdevs by name,
/// the interfaces that carry an IPv4 default route, and the GPU/NIC affinities.
/// </summary>
public sealed class HostView
{
    private readonly Dictionary<PciAddress, PciDevice> _pci;
    private readonly Dictionary<string, NetDevice> _net;
    private readonly Dictionary<string, RdmaDevice> _rdma;
    private IReadOnlyList<GpuNicAffinity>? _affinities;

    public HostView(HostInventory inventory)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        Inventory = inventory;
        _pci = inventory.PciDevices.ToDictionary(d => d.Address);
        _net = inventory.NetDevices.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _rdma = inventory.RdmaDevices.ToDictionary(d => d.Name, StringComparer.Ordinal);
        DefaultRouteInterfaces = ReadDefaultRouteInterfaces(inventory.Root);
    }

    public HostInventory Inventory { get; }

    public HostRoot Root => Inventory.Root;

    /// <summary>Interfaces with an IPv4 default route (<c>/proc/net/route</c>): the host's management NICs.</summary>
    public IReadOnlySet<string> DefaultRouteInterfaces { get; }

    public IReadOnlyList<GpuNicAffinity> GpuNicAffinities => _affinities ??= Inventory.GpuNicAffinities();

    public PciDevice? Pci(PciAddress address) => _pci.GetValueOrDefault(address);

    public NetDevice? Net(string? name) => name is null ? null : _net.GetValueOrDefault(name);

    public RdmaDevice? Rdma(string name) => _rdma.GetValueOrDefault(name);

    /// <summary>The first netdev of a PCI function, as both upstream plugins take it.</summary>
    public static string? FirstNetDevice(PciDevice device) => device.NetDevices.Count > 0 ? device.NetDevices[0] : null;

    /// <summary>The upstream link-type word of a netdev: <c>ether</c>, <c>infiniband</c>, <c>loopback</c>, or <c>none</c>.</summary>
    public static string LinkTypeName(NetDevice device) => device.LinkType switch
    {
        NetLinkType.Ether => "ether",
        NetLinkType.InfiniBand => "infiniband",
        NetLinkType.Loopback => "loopback",
        _ => "none",
    };

    /// <summary>
    /// Why a netdev's link counts as down, or null when it is up or cannot tell. <c>operstate</c>
    /// <c>down</c>, <c>lowerlayerdown</c> and <c>notpresent</c> are down; <c>unknown</c> (drivers that
    /// do not report) is not.
    /// </summary>
    public static string? LinkDownReason(NetDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.OperState is "down" or "lowerlayerdown" or "notpresent"
            ? $"link of {device.Name} is {device.OperState}"
            : null;
    }

    private static HashSet<string> ReadDefaultRouteInterfaces(HostRoot root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string[] lines = (root.ReadText("proc/net/route") ?? "").Split('\n');
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            // Iface Destination Gateway Flags RefCnt Use Metric Mask ...: destination and mask 0 is the default route.
            if (f.Length >= 8 && f[1] == "00000000" && f[7] == "00000000"
                && int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int flags) && (flags & 1) != 0)
            {
                names.Add(f[0]);
            }
        }

        return names;
    }
}
