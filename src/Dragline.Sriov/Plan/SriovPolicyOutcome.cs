namespace Dragline.Sriov.Plan;

/// <summary>What became of one policy on this node.</summary>
public sealed record SriovPolicyOutcome
{
    public required string Name { get; init; }

    public int Priority { get; init; }

    /// <summary>Whether its nodeSelector matches the node's labels.</summary>
    public bool SelectsNode { get; init; }

    /// <summary>The PFs its nicSelector matched (names), whether or not all its VFs survived the merge.</summary>
    public IReadOnlyList<string> MatchedPfs { get; init; } = [];

    /// <summary>Why it was not used at all, when it was not (invalid, wrong namespace, not this node).</summary>
    public string? SkippedBecause { get; init; }
}
