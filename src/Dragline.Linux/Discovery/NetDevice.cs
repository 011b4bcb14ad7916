using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>A network interface as <c>/sys/class/net/&lt;name&gt;</c> describes it.</summary>
public sealed record NetDevice
{
    public required string Name { get; init; }

    /// <summary>Alternative names; sysfs has none, so they come from an <see cref="INetDeviceAltNameSource"/> (netlink).</summary>
    public IReadOnlyList<string> AltNames { get; init; } = [];

    public int IfIndex { get; init; }

    /// <summary>The ARPHRD hardware type number.</summary>
    public int HardwareType { get; init; }

    public NetLinkType LinkType { get; init; }

    /// <summary>The hardware address: 6 bytes for Ethernet, 20 for IPoIB; null when unreadable.</summary>
    public HardwareAddress? HardwareAddress { get; init; }

    /// <summary>The MAC address when the hardware address is 6 bytes.</summary>
    public MacAddress? MacAddress => HardwareAddress is { IsEthernet: true } a ? a.ToMacAddress() : null;

    public int Mtu { get; init; }

    /// <summary><c>operstate</c>: up, down, lowerlayerdown, unknown, ...</summary>
    public string OperState { get; init; } = "unknown";

    /// <summary>Link speed in Mb/s; null when down or not reported.</summary>
    public long? SpeedMbps { get; init; }

    /// <summary>The PCI function behind the netdev, or null for virtual devices.</summary>
    public PciAddress? PciAddress { get; init; }

    /// <summary><c>dev_port</c>: which port of a multi-port PCI function this netdev is.</summary>
    public int DevPort { get; init; }

    /// <summary>The bond (or bridge, team) this netdev is enslaved to (the <c>master</c> link).</summary>
    public string? Master { get; init; }

    /// <summary>For a bond: its slaves (<c>bonding/slaves</c>).</summary>
    public IReadOnlyList<string> BondSlaves { get; init; } = [];

    /// <summary>The devices this one is stacked on (<c>lower_*</c> links): a VLAN's parent, a bond's slaves.</summary>
    public IReadOnlyList<string> LowerDevices { get; init; } = [];

    /// <summary>The devices stacked on this one (<c>upper_*</c> links).</summary>
    public IReadOnlyList<string> UpperDevices { get; init; } = [];

    /// <summary>For an 802.1Q VLAN: its id, from <c>/proc/net/vlan/&lt;name&gt;</c>.</summary>
    public int? VlanId { get; init; }

    /// <summary>For an 802.1Q VLAN: the device it runs on.</summary>
    public string? VlanParent { get; init; }
}
