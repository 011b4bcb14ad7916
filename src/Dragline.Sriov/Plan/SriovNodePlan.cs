using Dragline.Api.Model.Sriov;

namespace Dragline.Sriov.Plan;

/// <summary>
/// What a set of SriovNetworkNodePolicies wants of one node: the PFs to configure, the resources they feed,
/// what became of each policy, and the problems found. <see cref="Spec"/> is the same result in the
/// operator's SriovNetworkNodeState.spec shape.
/// </summary>
public sealed record SriovNodePlan
{
    public string? NodeName { get; init; }

    /// <summary>The labels nodeSelectors were matched against.</summary>
    public required IReadOnlyDictionary<string, string> NodeLabels { get; init; }

    /// <summary>The resource prefix, <c>spidernet.io</c> by default.</summary>
    public required string ResourcePrefix { get; init; }

    /// <summary>PFs at least one policy configures, in PCI address order.</summary>
    public required IReadOnlyList<SriovPfPlan> PhysicalFunctions { get; init; }

    /// <summary>Device-plugin resources, by name.</summary>
    public required IReadOnlyList<SriovResourcePlan> Resources { get; init; }

    /// <summary>Every policy given, in the order they were applied (priority 99 first, ties by name).</summary>
    public required IReadOnlyList<SriovPolicyOutcome> Policies { get; init; }

    public required IReadOnlyList<SriovPlanProblem> Problems { get; init; }

    /// <summary>The operator's rendering of the same result.</summary>
    public required SriovNetworkNodeStateSpec Spec { get; init; }

    /// <summary>Any error: apply refuses such a plan.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == SriovPlanSeverity.Error);

    public SriovPfPlan? FindPf(string name) => PhysicalFunctions.FirstOrDefault(p => p.Name == name);

    public SriovResourcePlan? FindResource(string resourceName) =>
        Resources.FirstOrDefault(r => r.ResourceName == resourceName || r.ShortName == resourceName);
}
