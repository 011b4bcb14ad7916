using Dragline.Core.Net;

namespace Dragline.Linux.Netlink;

/// <summary>A route (RTM_NEWROUTE). A null <see cref="Destination"/> is the default route.</summary>
public sealed record Route
{
    public required IpFamily Family { get; init; }

    /// <summary>The destination prefix; null is the default route (0.0.0.0/0 or ::/0).</summary>
    public IpCidr? Destination { get; init; }

    public IpAddress? Gateway { get; init; }

    public int? OutputInterfaceIndex { get; init; }

    public uint Table { get; init; } = RouteTables.Main;

    public RouteScope Scope { get; init; } = RouteScope.Universe;

    /// <summary>RTPROT_*: 2 kernel, 3 boot (the <c>ip route add</c> default), 4 static.</summary>
    public byte Protocol { get; init; } = 3;

    public RouteType Type { get; init; } = RouteType.Unicast;

    /// <summary>RTA_PRIORITY, the metric.</summary>
    public uint? Priority { get; init; }

    public IpAddress? PreferredSource { get; init; }
}
