namespace Dragline.Cli.Doctor;

/// <summary>
/// Everything <c>dragline doctor</c> found. Its JSON form (<c>--json</c>) is stable: fields are
/// added, never renamed or removed, and <see cref="SchemaVersion"/> changes if that ever has to break.
/// </summary>
public sealed record DoctorReport
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The root that was read: <c>/</c> for this host, or a captured or fixture tree.</summary>
    public required string Root { get; init; }

    /// <summary>The worst status among the findings: <c>fail</c>, else <c>warn</c>, else <c>pass</c>.</summary>
    public required DoctorStatus Status { get; init; }

    /// <summary>One sentence for a person: what the state of the host is.</summary>
    public required string Headline { get; init; }

    public required DoctorCounts Counts { get; init; }

    /// <summary>Findings in the order a person fixes them.</summary>
    public required IReadOnlyList<DoctorFinding> Findings { get; init; }

    /// <summary>The NIC–GPU affinity table; empty unless the host has both NVIDIA GPUs and RDMA NICs.</summary>
    public IReadOnlyList<DoctorAffinityRow> Affinity { get; init; } = [];

    /// <summary>0 when nothing failed, 1 otherwise.</summary>
    public int ExitCode => Status == DoctorStatus.Fail ? 1 : 0;
}
