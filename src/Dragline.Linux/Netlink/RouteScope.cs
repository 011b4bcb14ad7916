using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>Route and address scope (<c>RT_SCOPE_*</c>).</summary>
public enum RouteScope : byte
{
    Universe = RtnetlinkUapi.RT_SCOPE_UNIVERSE,
    Site = RtnetlinkUapi.RT_SCOPE_SITE,
    Link = RtnetlinkUapi.RT_SCOPE_LINK,
    Host = RtnetlinkUapi.RT_SCOPE_HOST,
    Nowhere = RtnetlinkUapi.RT_SCOPE_NOWHERE,
}
