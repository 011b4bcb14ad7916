namespace Dragline.Ipam.Store;

/// <summary>One allocated address of a pool and who holds it.</summary>
/// <param name="Ip">The address in canonical text form (<c>10.6.1.21</c>, <c>fd00::15</c>), as Spiderpool keys <c>allocatedIPs</c>.</param>
/// <param name="Owner">The holder.</param>
/// <param name="AllocatedAt">When the record was written (UTC).</param>
public sealed record AllocationRecord(string Ip, AllocationOwner Owner, DateTimeOffset AllocatedAt);
