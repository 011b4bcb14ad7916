namespace Dragline.Ipam;

/// <summary>Agent-wide settings of the <see cref="IpamEngine"/>.</summary>
public sealed record IpamEngineOptions
{
    /// <summary>The node this agent runs on (used when a request names none).</summary>
    public string NodeName { get; init; } = Environment.MachineName;

    public bool EnableIPv4 { get; init; } = true;

    public bool EnableIPv6 { get; init; } = true;

    /// <summary>The cluster's default Multus network (<c>ns/name</c>), Spiderpool's <c>MULTUS_CLUSTER_NETWORK</c>; used for <c>eth0</c> when the pod names none.</summary>
    public string? ClusterNetwork { get; init; }

    /// <summary>The namespace a bare <c>spec.multusName</c> entry refers to (Spiderpool: its install namespace).</summary>
    public string InstallNamespace { get; init; } = "kube-system";

    /// <summary>How long a released address stays out of reach while other addresses are free (whereabouts #288).</summary>
    public TimeSpan ReleasedAddressQuarantine { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many times a batch is re-read and re-tried after store conflicts before its requests fail with a
    /// retryable error. Retries back off for a random 1–100 ms and pick among the lowest few free addresses.
    /// </summary>
    public int MaxCommitAttempts { get; init; } = 64;

    /// <summary>Called after every store write of a batch (metrics: batch sizes, conflicts). Must be fast and must not throw.</summary>
    public Action<CommitObservation>? CommitObserver { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
