namespace Dragline.Linux.Netlink;

/// <summary>One port of an RDMA device as RDMA netlink reports it (RDMA_NLDEV_CMD_PORT_GET); the sysfs view is <see cref="Discovery.RdmaPort"/>.</summary>
public sealed record RdmaNetlinkPort
{
    public required uint PortIndex { get; init; }

    /// <summary>IB port state: 1 down, 2 init, 3 armed, 4 active, 5 active-defer.</summary>
    public byte? State { get; init; }

    /// <summary>IB physical state: 2 polling, 3 disabled, 5 link up, ...</summary>
    public byte? PhysicalState { get; init; }

    /// <summary>The netdev this port runs over (RoCE, rxe); null for InfiniBand ports without one.</summary>
    public int? NetdevIndex { get; init; }

    public string? NetdevName { get; init; }
}
