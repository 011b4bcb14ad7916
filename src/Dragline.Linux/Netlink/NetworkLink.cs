using Dragline.Core.Hardware;

namespace Dragline.Linux.Netlink;

/// <summary>A network interface as RTM_NEWLINK describes it.</summary>
public sealed record NetworkLink
{
    public required int Index { get; init; }

    public required string Name { get; init; }

    public LinkFlags Flags { get; init; }

    /// <summary>ARPHRD_* hardware type (1 Ethernet, 32 InfiniBand, 772 loopback).</summary>
    public ushort HardwareType { get; init; }

    public int Mtu { get; init; }

    /// <summary>IFLA_ADDRESS when it is 6, 8 or 20 bytes (Ethernet, EUI-64, IPoIB); null for links without one or with another length (tunnels).</summary>
    public HardwareAddress? HardwareAddress { get; init; }

    /// <summary>The master (bridge, bond) index, when enslaved.</summary>
    public int? MasterIndex { get; init; }

    /// <summary>IFLA_LINK: the parent (macvlan, vlan) or veth peer index; may be in another namespace (see <see cref="LinkNetnsId"/>).</summary>
    public int? ParentIndex { get; init; }

    /// <summary>IFLA_LINK_NETNSID: the namespace id of <see cref="ParentIndex"/> when it is in another namespace.</summary>
    public int? LinkNetnsId { get; init; }

    /// <summary>IFLA_INFO_KIND: veth, bridge, macvlan, vlan, ...; null for physical devices.</summary>
    public string? Kind { get; init; }

    public LinkOperationalState OperationalState { get; init; }

    public MacvlanMode? MacvlanMode { get; init; }

    public ushort? VlanId { get; init; }

    /// <summary>IFLA_NUM_VF: how many VFs the PF has enabled; null for non-PFs.</summary>
    public int? VfCount { get; init; }

    /// <summary>The VFs from IFLA_VFINFO_LIST (empty for non-PFs).</summary>
    public IReadOnlyList<VirtualFunctionInfo> Vfs { get; init; } = [];

    /// <summary>Alternative names (IFLA_PROP_LIST / IFLA_ALT_IFNAME, <c>ip link property add ... altname</c>), in the kernel's order.</summary>
    public IReadOnlyList<string> AltNames { get; init; } = [];

    public bool IsUp => (Flags & LinkFlags.Up) != 0;
}
