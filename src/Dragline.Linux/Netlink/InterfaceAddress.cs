using Dragline.Core.Net;

namespace Dragline.Linux.Netlink;

/// <summary>An IPv4 or IPv6 address on an interface (RTM_NEWADDR).</summary>
public sealed record InterfaceAddress
{
    public required int InterfaceIndex { get; init; }

    /// <summary>The address with its prefix length, e.g. 10.0.0.5/24.</summary>
    public required IpCidr Address { get; init; }

    public RouteScope Scope { get; init; }

    /// <summary>IFA_F_* flags (IFA_FLAGS), e.g. 0x80 permanent, 0x02 no DAD.</summary>
    public uint Flags { get; init; }

    /// <summary>IPv4 label (IFA_LABEL), usually the interface name.</summary>
    public string? Label { get; init; }

    public IpAddress? Broadcast { get; init; }
}
