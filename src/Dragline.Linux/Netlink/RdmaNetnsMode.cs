namespace Dragline.Linux.Netlink;

/// <summary>The RDMA subsystem's network namespace mode (RDMA_NLDEV_SYS_ATTR_NETNS_MODE).</summary>
public enum RdmaNetnsMode : byte
{
    /// <summary>Each RDMA device belongs to one namespace and can be moved (needed to give a pod its own device).</summary>
    Exclusive = 0,

    /// <summary>Every device is visible in every namespace (the boot default).</summary>
    Shared = 1,
}
