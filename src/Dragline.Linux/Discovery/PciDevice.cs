using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>A PCI function as <c>/sys/bus/pci/devices/&lt;address&gt;</c> describes it.</summary>
public sealed record PciDevice
{
    /// <summary>PCI vendor id of Mellanox / NVIDIA networking.</summary>
    public const ushort MellanoxVendorId = 0x15b3;

    /// <summary>PCI vendor id of NVIDIA (GPUs).</summary>
    public const ushort NvidiaVendorId = 0x10de;

    public required PciAddress Address { get; init; }

    public required ushort VendorId { get; init; }

    public required ushort DeviceId { get; init; }

    /// <summary>The 24-bit class code: base class, subclass, programming interface (0x020700 is an InfiniBand controller).</summary>
    public required uint ClassCode { get; init; }

    /// <summary>The bound driver (basename of the <c>driver</c> link), or null when unbound.</summary>
    public string? Driver { get; init; }

    /// <summary>The NUMA node, or -1 when the platform does not say.</summary>
    public int NumaNode { get; init; } = -1;

    /// <summary>The CPUs near the device (<c>local_cpulist</c>), like <c>20-39,60-79</c>.</summary>
    public string? LocalCpus { get; init; }

    /// <summary>The IOMMU group number, or null without an IOMMU.</summary>
    public int? IommuGroup { get; init; }

    /// <summary>SR-IOV capability, present only on physical functions that have it (<c>sriov_totalvfs</c> exists).</summary>
    public SriovCapability? Sriov { get; init; }

    /// <summary>For a virtual function: its physical function and index; null for anything else.</summary>
    public VirtualFunctionOrigin? VirtualFunctionOf { get; init; }

    /// <summary>Where the device sits in the PCIe tree.</summary>
    public required PciePath PciePath { get; init; }

    /// <summary>The netdevs of the function (<c>net/</c>), in natural order.</summary>
    public IReadOnlyList<string> NetDevices { get; init; } = [];

    /// <summary>The RDMA devices of the function (<c>infiniband/</c>), in natural order.</summary>
    public IReadOnlyList<string> RdmaDevices { get; init; } = [];

    public byte BaseClass => (byte)(ClassCode >> 16);

    /// <summary>Class 0x02: Ethernet, InfiniBand and other network controllers.</summary>
    public bool IsNetworkController => BaseClass == 0x02;

    /// <summary>Class 0x03: VGA and 3D controllers.</summary>
    public bool IsDisplayController => BaseClass == 0x03;

    /// <summary>Class 0x0604: a PCI-to-PCI bridge (root ports and switch ports).</summary>
    public bool IsBridge => (ClassCode >> 8) == 0x0604;

    public bool IsVirtualFunction => VirtualFunctionOf is not null;

    /// <summary>An NVIDIA display or 3D controller.</summary>
    public bool IsNvidiaGpu => VendorId == NvidiaVendorId && IsDisplayController;

    /// <summary>The <c>vendor:device</c> pair as lspci prints it: <c>15b3:1017</c>.</summary>
    public string VendorDevice => $"{VendorId:x4}:{DeviceId:x4}";
}
