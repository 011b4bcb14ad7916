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
    public Dictionary<string, string> Annotations { get; set; } = [];
}
