using Dragline.Api.Model.Sriov;

namespace Dragline.Sriov.Apply;

/// <summary>
/// The outcome of applying a plan: the node state (spec from the plan, status read back from the host, with
/// <c>syncStatus</c> and <c>lastSyncError</c>), every change made, and every failed step.
/// </summary>
public sealed record SriovApplyResult
{
    public required SriovNetworkNodeState State { get; init; }

    public required IReadOnlyList<SriovApplyAction> Actions { get; init; }

    public required IReadOnlyList<SriovApplyFailure> Failures { get; init; }

    public bool Succeeded => Failures.Count == 0;
}
