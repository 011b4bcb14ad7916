using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>Interface flags (<c>IFF_*</c>, linux/if.h).</summary>
[Flags]
public enum LinkFlags : uint
{
    None = 0,
    Up = RtnetlinkUapi.IFF_UP,
    Broadcast = RtnetlinkUapi.IFF_BROADCAST,
    Loopback = RtnetlinkUapi.IFF_LOOPBACK,
    PointToPoint = RtnetlinkUapi.IFF_POINTOPOINT,
    Running = RtnetlinkUapi.IFF_RUNNING,
    NoArp = RtnetlinkUapi.IFF_NOARP,
    Promiscuous = RtnetlinkUapi.IFF_PROMISC,
    Multicast = RtnetlinkUapi.IFF_MULTICAST,
    LowerUp = RtnetlinkUapi.IFF_LOWER_UP,
}
