using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>macvlan modes (<c>MACVLAN_MODE_*</c>).</summary>
public enum MacvlanMode : uint
{
    Private = RtnetlinkUapi.MACVLAN_MODE_PRIVATE,
    Vepa = RtnetlinkUapi.MACVLAN_MODE_VEPA,
    Bridge = RtnetlinkUapi.MACVLAN_MODE_BRIDGE,
    Passthru = RtnetlinkUapi.MACVLAN_MODE_PASSTHRU,
    Source = RtnetlinkUapi.MACVLAN_MODE_SOURCE,
}
