using Dragline.Core.Hardware;

namespace Dragline.Linux.Netlink;

/// <summary>
/// An RDMA device as the kernel reports it over RDMA netlink (RDMA_NLDEV_CMD_GET), with its ports. A wire record:
/// the host's RDMA inventory, from sysfs, is <see cref="Discovery.RdmaDevice"/>.
/// </summary>
public sealed record RdmaNetlinkDevice
{
    public required uint Index { get; init; }

    public required string Name { get; init; }

    /// <summary>RDMA_NLDEV_ATTR_PORT_INDEX in a device reply: the number of ports.</summary>
    public uint PortCount { get; init; }

    public string? FirmwareVersion { get; init; }

    public Guid64 NodeGuid { get; init; }

    public Guid64 SystemImageGuid { get; init; }

    /// <summary>RDMA_NODE_* type: 1 CA, 4 RNIC, ...</summary>
    public byte? NodeType { get; init; }

    /// <summary>"ib", "roce", "iw", ... (RDMA_NLDEV_ATTR_DEV_PROTOCOL, kernels 5.x and later).</summary>
    public string? Protocol { get; init; }

    public IReadOnlyList<RdmaNetlinkPort> Ports { get; init; } = [];
}
