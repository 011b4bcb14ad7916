using static Dragline.Linux.Netlink.Uapi.NetlinkUapi;
using static Dragline.Linux.Netlink.Uapi.RdmaNetlinkUapi;

namespace Dragline.Linux.Netlink;

/// <summary>Builds every RDMA nldev request (sriov-rdma.md 5.4): nlmsghdr then attributes, no family header.</summary>
internal static class RdmaNetlinkMessages
{
    private const ushort RequestAck = NLM_F_REQUEST | NLM_F_ACK;
    private const ushort DumpRequest = NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP;
    private const int BufferSize = 1024;

    public static ushort TypeOf(ushort command) => RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, command);

    public static byte[] DumpDevices() =>
        new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_GET), DumpRequest).EndMessage();

    public static byte[] DumpPorts(uint deviceIndex)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_PORT_GET), DumpRequest);
        writer.WriteU32(RDMA_NLDEV_ATTR_DEV_INDEX, deviceIndex);
        return writer.EndMessage();
    }

    public static byte[] GetSystem() =>
        new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_SYS_GET), RequestAck).EndMessage();

    public static byte[] SetNetnsMode(RdmaNetnsMode mode)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_SYS_SET), RequestAck);
        writer.WriteU8(RDMA_NLDEV_SYS_ATTR_NETNS_MODE, (byte)mode);
        return writer.EndMessage();
    }

    public static byte[] MoveToNamespace(uint deviceIndex, int namespaceFd)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_SET), RequestAck);
        writer.WriteU32(RDMA_NLDEV_ATTR_DEV_INDEX, deviceIndex);
        writer.WriteU32(RDMA_NLDEV_NET_NS_FD, (uint)namespaceFd);
        return writer.EndMessage();
    }

    public static byte[] Rename(uint deviceIndex, string newName)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_SET), RequestAck);
        writer.WriteU32(RDMA_NLDEV_ATTR_DEV_INDEX, deviceIndex);
        writer.WriteString(RDMA_NLDEV_ATTR_DEV_NAME, newName);
        return writer.EndMessage();
    }

    /// <summary>RDMA_NLDEV_CMD_NEWLINK, as <c>rdma link add NAME type TYPE netdev NETDEV</c> sends it.</summary>
    public static byte[] NewLink(string name, string linkType, string netdev)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_NEWLINK), RequestAck);
        writer.WriteString(RDMA_NLDEV_ATTR_DEV_NAME, name);
        writer.WriteString(RDMA_NLDEV_ATTR_LINK_TYPE, linkType);
        writer.WriteString(RDMA_NLDEV_ATTR_NDEV_NAME, netdev);
        return writer.EndMessage();
    }

    public static byte[] DeleteLink(uint deviceIndex)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_DELLINK), RequestAck);
        writer.WriteU32(RDMA_NLDEV_ATTR_DEV_INDEX, deviceIndex);
        return writer.EndMessage();
    }

    /// <summary>A device reply as the kernel sends it (for round-trip tests).</summary>
    public static byte[] Device(RdmaNetlinkDevice device)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_GET), NLM_F_MULTI);
        writer.WriteU32(RDMA_NLDEV_ATTR_DEV_INDEX, device.Index);
        writer.WriteString(RDMA_NLDEV_ATTR_DEV_NAME, device.Name);
        writer.WriteU32(RDMA_NLDEV_ATTR_PORT_INDEX, device.PortCount);
        if (device.FirmwareVersion is not null)
        {
            writer.WriteString(RDMA_NLDEV_ATTR_FW_VERSION, device.FirmwareVersion);
        }

        writer.WriteU64(RDMA_NLDEV_ATTR_NODE_GUID, device.NodeGuid.Value);
        writer.WriteU64(RDMA_NLDEV_ATTR_SYS_IMAGE_GUID, device.SystemImageGuid.Value);
        if (device.NodeType is byte nodeType)
        {
            writer.WriteU8(RDMA_NLDEV_ATTR_DEV_NODE_TYPE, nodeType);
        }

        if (device.Protocol is not null)
        {
            writer.WriteString(RDMA_NLDEV_ATTR_DEV_PROTOCOL, device.Protocol);
        }

        return writer.EndMessage();
    }

    /// <summary>A port reply as the kernel sends it (for round-trip tests).</summary>
    public static byte[] Port(uint deviceIndex, string deviceName, RdmaNetlinkPort port)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_PORT_GET), NLM_F_MULTI);
        writer.WriteU32(RDMA_NLDEV_ATTR_DEV_INDEX, deviceIndex);
        writer.WriteString(RDMA_NLDEV_ATTR_DEV_NAME, deviceName);
        writer.WriteU32(RDMA_NLDEV_ATTR_PORT_INDEX, port.PortIndex);
        if (port.State is byte state)
        {
            writer.WriteU8(RDMA_NLDEV_ATTR_PORT_STATE, state);
        }

        if (port.PhysicalState is byte physical)
        {
            writer.WriteU8(RDMA_NLDEV_ATTR_PORT_PHYS_STATE, physical);
        }

        if (port.NetdevIndex is int netdevIndex)
        {
            writer.WriteU32(RDMA_NLDEV_ATTR_NDEV_INDEX, (uint)netdevIndex);
        }

        if (port.NetdevName is not null)
        {
            writer.WriteString(RDMA_NLDEV_ATTR_NDEV_NAME, port.NetdevName);
        }

        return writer.EndMessage();
    }

    /// <summary>A SYS_GET reply (for round-trip tests).</summary>
    public static byte[] System(RdmaNetnsMode mode, bool copyOnFork)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[BufferSize], TypeOf(RDMA_NLDEV_CMD_SYS_GET), 0);
        writer.WriteU8(RDMA_NLDEV_SYS_ATTR_NETNS_MODE, (byte)mode);
        writer.WriteU8(RDMA_NLDEV_SYS_ATTR_COPY_ON_FORK, copyOnFork ? (byte)1 : (byte)0);
        return writer.EndMessage();
    }
}
