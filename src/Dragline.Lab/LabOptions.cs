namespace Dragline.Lab;

/// <summary>How to build a lab.</summary>
public sealed class LabOptions
{
    public const string DefaultStateDirectory = "/run/dragline-lab";
    public const string DefaultPrefix = "dl-";

    /// <summary>Manifest files or directories; empty means <c>examples/lab/seed-shared.yaml</c>.</summary>
    public IReadOnlyList<string> Manifests { get; init; } = [];
    public string StateDirectory { get; init; } = DefaultStateDirectory;

    /// <summary>Prefix of every namespace the lab makes (<c>dl-</c>: <c>dl-fabric</c>, <c>dl-node1</c>, <c>dl-&lt;pod&gt;</c>).</summary>
    public string Prefix { get; init; } = DefaultPrefix;
    public int NodeCount { get; init; } = 2;
    public string? DraglineBinary { get; init; }
    public IReadOnlyList<string>? CniPath { get; init; }

    /// <summary>The host's SR-IOV and RDMA as the preflight sees them; null reads this host's sysfs.</summary>
    public LabHostCapabilities? Host { get; init; }

    /// <summary>Plans the manifests' SriovNetworkNodePolicy objects per node; null prints "policy planning: not available yet".</summary>
    public ILabPolicyPlanner? PolicyPlanner { get; init; }
}
