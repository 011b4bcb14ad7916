using Dragline.Core.Net;

namespace Dragline.Ipam;

/// <summary>One address of one interface, as the ADD result carries it (Spiderpool's <c>IpConfig</c>).</summary>
/// <param name="Nic">The interface name in the pod.</param>
/// <param name="Address">The address with the pool subnet's prefix length, e.g. <c>10.6.1.21/16</c>.</param>
/// <param name="Pool">The pool it came from.</param>
/// <param name="Gateway">The pool gateway, or null (none, or the gateway is cleaned).</param>
public sealed record AllocatedAddress(string Nic, IpCidr Address, string Pool, IpAddress? Gateway)
{
    /// <summary>4 or 6.</summary>
    public int Version => Address.Family == IpFamily.V4 ? 4 : 6;
}
