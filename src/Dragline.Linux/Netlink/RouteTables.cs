using Dragline.Linux.Netlink.Uapi;

namespace Dragline.Linux.Netlink;

/// <summary>Well-known routing table ids (<c>RT_TABLE_*</c>); any other id up to 2^32-1 is a custom table.</summary>
public static class RouteTables
{
    public const uint Default = RtnetlinkUapi.RT_TABLE_DEFAULT;
    public const uint Main = RtnetlinkUapi.RT_TABLE_MAIN;
    public const uint Local = RtnetlinkUapi.RT_TABLE_LOCAL;
}
