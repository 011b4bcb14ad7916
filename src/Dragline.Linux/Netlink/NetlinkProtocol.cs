using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>The netlink families this library speaks.</summary>
public enum NetlinkProtocol
{
    /// <summary>NETLINK_ROUTE: links, addresses, routes, rules, neighbours.</summary>
    Route = NetlinkUapi.NETLINK_ROUTE,

    /// <summary>NETLINK_RDMA: the RDMA core's nldev client.</summary>
    Rdma = NetlinkUapi.NETLINK_RDMA,
}
