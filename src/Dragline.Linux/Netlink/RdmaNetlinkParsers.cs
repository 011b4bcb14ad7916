using Dragline.Core.Hardware;
using static Dragline.Linux.Netlink.Uapi.RdmaNetlinkUapi;

namespace Dragline.Linux.Netlink;

/// <summary>Reads RDMA nldev replies (attributes only, no family header).</summary>
internal static class RdmaNetlinkParsers
{
    public static RdmaNetlinkDevice ParseDevice(ReadOnlySpan<byte> payload)
    {
        uint? index = null;
        string? name = null, firmware = null, protocol = null;
        uint ports = 0;
        ulong nodeGuid = 0, systemImageGuid = 0;
        byte? nodeType = null;
        var reader = new NetlinkAttributeReader(payload);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case RDMA_NLDEV_ATTR_DEV_INDEX: index = attribute.GetU32(); break;
                case RDMA_NLDEV_ATTR_DEV_NAME: name = attribute.GetString(); break;
                case RDMA_NLDEV_ATTR_PORT_INDEX: ports = attribute.GetU32(); break;
                case RDMA_NLDEV_ATTR_FW_VERSION: firmware = attribute.GetString(); break;
                case RDMA_NLDEV_ATTR_NODE_GUID: nodeGuid = attribute.GetU64(); break;
                case RDMA_NLDEV_ATTR_SYS_IMAGE_GUID: systemImageGuid = attribute.GetU64(); break;
                case RDMA_NLDEV_ATTR_DEV_NODE_TYPE: nodeType = attribute.GetU8(); break;
                case RDMA_NLDEV_ATTR_DEV_PROTOCOL: protocol = attribute.GetString(); break;
            }
        }

        return new RdmaNetlinkDevice
        {
            Index = index ?? throw new InvalidDataException("RDMA device reply has no RDMA_NLDEV_ATTR_DEV_INDEX."),
            Name = name ?? throw new InvalidDataException("RDMA device reply has no RDMA_NLDEV_ATTR_DEV_NAME."),
            PortCount = ports,
            FirmwareVersion = firmware,
            NodeGuid = new Guid64(nodeGuid),
            SystemImageGuid = new Guid64(systemImageGuid),
            NodeType = nodeType,
            Protocol = protocol,
        };
    }

    public static (uint DeviceIndex, RdmaNetlinkPort Port) ParsePort(ReadOnlySpan<byte> payload)
    {
        uint deviceIndex = 0;
        uint? portIndex = null;
        byte? state = null, physicalState = null;
        int? netdevIndex = null;
        string? netdevName = null;
        var reader = new NetlinkAttributeReader(payload);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case RDMA_NLDEV_ATTR_DEV_INDEX: deviceIndex = attribute.GetU32(); break;
                case RDMA_NLDEV_ATTR_PORT_INDEX: portIndex = attribute.GetU32(); break;
                case RDMA_NLDEV_ATTR_PORT_STATE: state = attribute.GetU8(); break;
                case RDMA_NLDEV_ATTR_PORT_PHYS_STATE: physicalState = attribute.GetU8(); break;
                case RDMA_NLDEV_ATTR_NDEV_INDEX: netdevIndex = (int)attribute.GetU32(); break;
                case RDMA_NLDEV_ATTR_NDEV_NAME: netdevName = attribute.GetString(); break;
            }
        }

        return (deviceIndex, new RdmaNetlinkPort
        {
            PortIndex = portIndex ?? throw new InvalidDataException("RDMA port reply has no RDMA_NLDEV_ATTR_PORT_INDEX."),
            State = state,
            PhysicalState = physicalState,
            NetdevIndex = netdevIndex,
            NetdevName = netdevName,
        });
    }

    public static (RdmaNetnsMode Mode, bool? CopyOnFork) ParseSystem(ReadOnlySpan<byte> payload)
    {
        RdmaNetnsMode? mode = null;
        bool? copyOnFork = null;
        var reader = new NetlinkAttributeReader(payload);
        while (reader.TryRead(out NetlinkAttribute attribute))
        {
            switch (attribute.Type)
            {
                case RDMA_NLDEV_SYS_ATTR_NETNS_MODE: mode = (RdmaNetnsMode)attribute.GetU8(); break;
                case RDMA_NLDEV_SYS_ATTR_COPY_ON_FORK: copyOnFork = attribute.GetU8() != 0; break;
            }
        }

        return (mode ?? throw new InvalidDataException("RDMA system reply has no RDMA_NLDEV_SYS_ATTR_NETNS_MODE."), copyOnFork);
    }
}
