namespace Dragline.Cli.Doctor;

/// <summary>One GPU of the NIC–GPU affinity table and its nearest RDMA NICs.</summary>
public sealed record DoctorAffinityRow
{
    public required string Gpu { get; init; }

    public required int GpuNumaNode { get; init; }

    /// <summary><c>same-switch</c>, <c>across-switches</c>, <c>same-host-bridge</c>, <c>same-numa-node</c> or <c>cross-numa</c>.</summary>
    public required string Relation { get; init; }

    /// <summary>The <c>nvidia-smi topo -m</c> name: PIX, PXB, PHB, NODE, SYS.</summary>
    public required string Topology { get; init; }

    public required IReadOnlyList<DoctorAffinityNic> Nics { get; init; }
}
