namespace Dragline.Linux;

/// <summary>
/// The RDMA subsystem's network namespace mode (<c>rdma system</c>), numbered as the kernel numbers it:
/// RDMA_NLDEV_SYS_ATTR_NETNS_MODE and ib_core's <c>netns_mode</c> parameter both use 0 for exclusive and
/// 1 for shared. One type for netlink and sysfs discovery alike, so a value read one way compares equal
/// to the same mode read the other way.
/// </summary>
public enum RdmaNetnsMode : byte
{
    /// <summary>Each RDMA device belongs to one namespace and can be moved (needed to give a pod its own device); ib_core <c>netns_mode=0</c>.</summary>
    Exclusive = 0,

    /// <summary>Every device is visible in every namespace (the boot default); ib_core <c>netns_mode=1</c>.</summary>
    Shared = 1,
}
