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
}
