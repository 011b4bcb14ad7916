namespace Dragline.Lab;

/// <summary>One lab pod: a network namespace on a node with its attachments.</summary>
public sealed class LabPodState
{
    public required string Name { get; init; }
    public required string PodNamespace { get; init; }
    public required string Uid { get; init; }
    public required string Node { get; init; }
    public required string NetworkNamespace { get; init; }
    public List<LabAttachmentState> Attachments { get; init; } = [];
    public string RdmaDevices { get; set; } = "";

    /// <summary>The RDMA device the lab gave this pod (<c>--kernel</c>: its own Soft-RoCE device), or null in shared mode.</summary>
    public string? RdmaDevice { get; set; }

    /// <summary>What <c>rdma link</c> shows inside the pod (<c>--kernel</c>; the stock tool's view, independent of our code).</summary>
    public List<LabRdmaLink> RdmaLinks { get; set; } = [];
    public Dictionary<string, string> Annotations { get; set; } = [];
}
