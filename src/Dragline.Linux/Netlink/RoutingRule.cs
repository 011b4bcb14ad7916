using Dragline.Core.Net;

namespace Dragline.Linux.Netlink;

/// <summary>A policy routing rule (RTM_NEWRULE) that looks up <see cref="Table"/>.</summary>
public sealed record RoutingRule
{
    public required IpFamily Family { get; init; }

    public uint? Priority { get; init; }

    public uint Table { get; init; } = RouteTables.Main;

    /// <summary>Match packets from this prefix; null matches all.</summary>
    public IpCidr? Source { get; init; }

    /// <summary>Match packets to this prefix; null matches all.</summary>
    public IpCidr? Destination { get; init; }

    public string? IncomingInterface { get; init; }

    public string? OutgoingInterface { get; init; }
}
