using Dragline.Core.Hardware;
using Dragline.Core.Net;

namespace Dragline.Linux.Netlink;

/// <summary>A neighbour (ARP / NDP) entry (RTM_NEWNEIGH).</summary>
public sealed record Neighbour
{
    public required int InterfaceIndex { get; init; }

    public required IpAddress Address { get; init; }

    public HardwareAddress? LinkLayerAddress { get; init; }

    public NeighbourState State { get; init; } = NeighbourState.Permanent;
}
