namespace Dragline.Lab;

/// <summary>One lab node: its namespace and its agent process.</summary>
public sealed class LabNodeState
{
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required string AgentSocket { get; init; }
    public required string AgentLog { get; init; }
    public int AgentPid { get; set; }
}
