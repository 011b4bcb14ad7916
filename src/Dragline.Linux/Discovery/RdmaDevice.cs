using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>An RDMA device as <c>/sys/class/infiniband/&lt;name&gt;</c> describes it.</summary>
public sealed record RdmaDevice
{
    public required string Name { get; init; }

    public Guid64? NodeGuid { get; init; }

    public Guid64? SystemImageGuid { get; init; }

    /// <summary><c>node_type</c> as the kernel prints it: <c>1: CA</c>.</summary>
    public string? NodeType { get; init; }

    public string? FirmwareVersion { get; init; }

    /// <summary><c>hca_type</c>, like <c>MT4119</c>.</summary>
    public string? HcaType { get; init; }

    /// <summary>The PCI function behind the device, or null (Soft-RoCE).</summary>
    public PciAddress? PciAddress { get; init; }

    /// <summary>The ports, ordered by number.</summary>
    public IReadOnlyList<RdmaPort> Ports { get; init; } = [];

    /// <summary>The character devices user space opens for this device (<c>uverbsN</c>, <c>umadN</c>, <c>issmN</c>, <c>ucmN</c>).</summary>
    public IReadOnlyList<RdmaCharDevice> CharDevices { get; init; } = [];
}
