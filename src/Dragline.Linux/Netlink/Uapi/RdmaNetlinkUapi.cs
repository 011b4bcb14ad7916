namespace Dragline.Linux.Netlink.Uapi;

/// <summary>rdma/rdma_netlink.h (sriov-rdma.md 5.4). C names on purpose: the header check test compares each.</summary>
internal static class RdmaNetlinkUapi
{
    public const int RDMA_NL_NLDEV = 5;

    public const ushort RDMA_NLDEV_CMD_GET = 1;
    public const ushort RDMA_NLDEV_CMD_SET = 2;
    public const ushort RDMA_NLDEV_CMD_NEWLINK = 3;
    public const ushort RDMA_NLDEV_CMD_DELLINK = 4;
    public const ushort RDMA_NLDEV_CMD_PORT_GET = 5;
    public const ushort RDMA_NLDEV_CMD_SYS_GET = 6;
    public const ushort RDMA_NLDEV_CMD_SYS_SET = 7;

    public const ushort RDMA_NLDEV_ATTR_DEV_INDEX = 1;
    public const ushort RDMA_NLDEV_ATTR_DEV_NAME = 2;
    public const ushort RDMA_NLDEV_ATTR_PORT_INDEX = 3;
    public const ushort RDMA_NLDEV_ATTR_CAP_FLAGS = 4;
    public const ushort RDMA_NLDEV_ATTR_FW_VERSION = 5;
    public const ushort RDMA_NLDEV_ATTR_NODE_GUID = 6;
    public const ushort RDMA_NLDEV_ATTR_SYS_IMAGE_GUID = 7;
    public const ushort RDMA_NLDEV_ATTR_PORT_STATE = 12;
    public const ushort RDMA_NLDEV_ATTR_PORT_PHYS_STATE = 13;
    public const ushort RDMA_NLDEV_ATTR_DEV_NODE_TYPE = 14;
    public const ushort RDMA_NLDEV_ATTR_NDEV_INDEX = 50;
    public const ushort RDMA_NLDEV_ATTR_NDEV_NAME = 51;
    public const ushort RDMA_NLDEV_ATTR_LINK_TYPE = 65;
    public const ushort RDMA_NLDEV_SYS_ATTR_NETNS_MODE = 66;
    public const ushort RDMA_NLDEV_ATTR_DEV_PROTOCOL = 67;
    public const ushort RDMA_NLDEV_NET_NS_FD = 68;
    public const ushort RDMA_NLDEV_SYS_ATTR_COPY_ON_FORK = 93;

    /// <summary><c>RDMA_NL_GET_TYPE(client, op)</c>.</summary>
    public static ushort RDMA_NL_GET_TYPE(int client, ushort op) => (ushort)((client << 10) + op);
}
