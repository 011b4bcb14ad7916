using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>A VF's administrative link state (<c>IFLA_VF_LINK_STATE_*</c>).</summary>
public enum VfLinkState : uint
{
    /// <summary>Follow the PF's link.</summary>
    Auto = RtnetlinkUapi.IFLA_VF_LINK_STATE_AUTO,
    Enable = RtnetlinkUapi.IFLA_VF_LINK_STATE_ENABLE,
    Disable = RtnetlinkUapi.IFLA_VF_LINK_STATE_DISABLE,
}
