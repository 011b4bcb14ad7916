namespace Dragline.Cli.Doctor;

/// <summary>The result of one check, with what was read and the commands that fix it.</summary>
public sealed record DoctorFinding
{
    /// <summary>Stable check id (<c>kernel-version</c>, <c>rdma-modules</c>, ...); several findings share an id when a check runs per device.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The device the finding is about, for per-device checks (<c>0000:86:00.0 ibs5f0</c>).</summary>
    public string? Subject { get; init; }

    public required DoctorStatus Status { get; init; }

    public required string Summary { get; init; }

    public IReadOnlyList<DoctorEvidence> Evidence { get; init; } = [];

    /// <summary>Commands that fix the problem, in order; a <c>#</c> starts a comment. Empty when nothing is to be done.</summary>
    public IReadOnlyList<string> Fix { get; init; } = [];
}
