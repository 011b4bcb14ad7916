using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>Neighbour entry state (<c>NUD_*</c>).</summary>
[Flags]
public enum NeighbourState : ushort
{
    None = 0,
    Incomplete = RtnetlinkUapi.NUD_INCOMPLETE,
    Reachable = RtnetlinkUapi.NUD_REACHABLE,
    Stale = RtnetlinkUapi.NUD_STALE,
    Delay = RtnetlinkUapi.NUD_DELAY,
    Probe = RtnetlinkUapi.NUD_PROBE,
    Failed = RtnetlinkUapi.NUD_FAILED,
    NoArp = RtnetlinkUapi.NUD_NOARP,
    Permanent = RtnetlinkUapi.NUD_PERMANENT,
}
