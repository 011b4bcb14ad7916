
namespace Dragline.Linux.Discovery;

/// <summary>
/// One GPU and its nearest RDMA NICs: every NIC physical function at the closest
/// <see cref="PcieRelation"/> found, ordered by PCI address.
/// </summary>
public sealed record GpuNicAffinity
{
    public required PciDevice Gpu { get; init; }

    public required PcieRelation Relation { get; init; }

    public required IReadOnlyList<AffineNic> NearestNics { get; init; }
}
