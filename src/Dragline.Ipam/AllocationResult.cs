namespace Dragline.Ipam;

/// <summary>
/// The answer to an ADD: the addresses of every interface allocated so far for the pod's current
/// sandbox (the plugin keeps those of its own interface), their routes, and warnings (custom routes
/// that matched no interface).
/// </summary>
public sealed record AllocationResult(IReadOnlyList<AllocatedAddress> Addresses, IReadOnlyList<IpamRoute> Routes, IReadOnlyList<string> Warnings);
