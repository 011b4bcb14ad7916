using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>RFC 2863 operational state (<c>IFLA_OPERSTATE</c>).</summary>
public enum LinkOperationalState : byte
{
    Unknown = RtnetlinkUapi.IF_OPER_UNKNOWN,
    NotPresent = RtnetlinkUapi.IF_OPER_NOTPRESENT,
    Down = RtnetlinkUapi.IF_OPER_DOWN,
    LowerLayerDown = RtnetlinkUapi.IF_OPER_LOWERLAYERDOWN,
    Testing = RtnetlinkUapi.IF_OPER_TESTING,
    Dormant = RtnetlinkUapi.IF_OPER_DORMANT,
    Up = RtnetlinkUapi.IF_OPER_UP,
}
