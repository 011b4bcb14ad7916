namespace Dragline.Linux.Netlink;

/// <summary>One data message of a reply (not DONE, not the ACK): its type, flags and payload (family header + attributes).</summary>
internal sealed class NetlinkReply
{
    public NetlinkReply(ushort type, ushort flags, byte[] payload)
    {
        Type = type;
        Flags = flags;
        Payload = payload;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public byte[] Payload { get; }
}
