namespace Dragline.Lab;

/// <summary>What a running lab is made of; saved as JSON (mode 0600) in the state directory so status and down can find it.</summary>
public sealed class LabState
{
    public required string Prefix { get; init; }
    public required string StateDirectory { get; init; }
    public required string Store { get; init; }
    public required string FabricNamespace { get; init; }
    public List<LabNodeState> Nodes { get; init; } = [];
    public List<LabPodState> Pods { get; init; } = [];
    public List<string> Pools { get; init; } = [];
    public List<LabPing> Connectivity { get; set; } = [];

    /// <summary><c>shared</c> (this host: macvlan, RDMA devices shared) or <c>exclusive</c> (<c>--kernel</c>: the QEMU guest).</summary>
    public string Mode { get; init; } = "shared";

    /// <summary>The RDMA netns mode as <c>rdma system</c> read it in the guest (<c>--kernel</c> only).</summary>
    public string? RdmaNetnsMode { get; init; }

    /// <summary>ib_read_lat between the first two pods (<c>--kernel</c> only).</summary>
    public LabRdmaLatency? RdmaLatency { get; set; }

    /// <summary>The guest's console log (<c>--kernel</c> only).</summary>
    public string? GuestConsoleLog { get; init; }

    /// <summary>SR-IOV policy planning for each SriovNetworkNodePolicy in the manifests, or why there is none.</summary>
    public List<string> PolicyPlan { get; init; } = [];
}
