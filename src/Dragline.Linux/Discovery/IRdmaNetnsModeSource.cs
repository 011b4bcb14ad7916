namespace Dragline.Linux.Discovery;

/// <summary>
/// Reads the RDMA netns mode of the running kernel. Implementations: sysfs
/// (<see cref="SysfsRdmaNetnsModeSource"/>) and RDMA netlink (RDMA_NLDEV_CMD_SYS_GET).
/// </summary>
public interface IRdmaNetnsModeSource
{
    /// <summary>The mode, or null when this source cannot tell (ib_core not loaded, no netlink RDMA family).</summary>
    RdmaNetnsModeReading? TryRead();
}
