using System.Text.Json.Serialization;

namespace Dragline.Cli.Doctor;

/// <summary>The outcome of one doctor check. Only <see cref="Fail"/> makes the exit code non-zero.</summary>
public enum DoctorStatus
{
    [JsonStringEnumMemberName("pass")]
    Pass,

    /// <summary>Works, but something is likely to bite (not persisted, a port down, a low limit).</summary>
    [JsonStringEnumMemberName("warn")]
    Warn,

    /// <summary>RDMA for pods cannot work until this is fixed.</summary>
    [JsonStringEnumMemberName("fail")]
    Fail,

    /// <summary>Does not apply to this host (no GPUs, nothing to check without ib_core); the summary says why.</summary>
    [JsonStringEnumMemberName("skip")]
    Skip,
}
