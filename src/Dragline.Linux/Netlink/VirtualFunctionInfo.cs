using Dragline.Core.Hardware;

namespace Dragline.Linux.Netlink;

/// <summary>
/// One SR-IOV virtual function as its PF reports it in <c>IFLA_VFINFO_LIST</c>. Settings the driver
/// does not report are null. GUIDs on the wire are the u64 of the 8 GUID bytes read big-endian
/// (sriov-rdma.md 5.5), as <see cref="Guid64.Value"/>; zero means "not set".
/// </summary>
public sealed record VirtualFunctionInfo
{
    /// <summary>The VF number on its PF (0-based).</summary>
    public required int Vf { get; init; }

    /// <summary>The administrative MAC, as long as the PF's own address (6 bytes Ethernet, 20 InfiniBand); all zero when none was set.</summary>
    public HardwareAddress? Mac { get; init; }

    public int Vlan { get; init; }

    public int Qos { get; init; }

    /// <summary>VLAN protocol (0x8100 802.1Q, 0x88a8 802.1ad); null when the kernel sent no IFLA_VF_VLAN_LIST.</summary>
    public ushort? VlanProtocol { get; init; }

    public bool? SpoofCheck { get; init; }

    public bool? Trust { get; init; }

    public VfLinkState? LinkState { get; init; }

    public uint MinTxRateMbps { get; init; }

    public uint MaxTxRateMbps { get; init; }

    public Guid64? NodeGuid { get; init; }

    public Guid64? PortGuid { get; init; }
}
