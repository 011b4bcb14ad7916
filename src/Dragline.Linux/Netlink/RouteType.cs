using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>Route type (<c>RTN_*</c>).</summary>
public enum RouteType : byte
{
    Unspecified = RtnetlinkUapi.RTN_UNSPEC,
    Unicast = RtnetlinkUapi.RTN_UNICAST,
    Local = RtnetlinkUapi.RTN_LOCAL,
    Broadcast = RtnetlinkUapi.RTN_BROADCAST,
    Anycast = RtnetlinkUapi.RTN_ANYCAST,
    Multicast = RtnetlinkUapi.RTN_MULTICAST,
    Blackhole = RtnetlinkUapi.RTN_BLACKHOLE,
    Unreachable = RtnetlinkUapi.RTN_UNREACHABLE,
    Prohibit = RtnetlinkUapi.RTN_PROHIBIT,
}
