namespace Dragline.Lab;

/// <summary>What <c>lab down</c> did, and the allocations the store still held after every CNI DEL (must be zero).</summary>
public sealed class LabDownReport
{
    public int Deleted { get; set; }
    public int RemainingAllocations { get; set; } = -1;
    public List<string> RemainingAllocationDetails { get; init; } = [];
    public int AgentsStopped { get; set; }
    public List<string> NamespacesDeleted { get; init; } = [];
    public List<string> Problems { get; init; } = [];
    public bool StateDirectoryRemoved { get; set; }
    public bool Succeeded => Problems.Count == 0 && RemainingAllocations <= 0;
}
