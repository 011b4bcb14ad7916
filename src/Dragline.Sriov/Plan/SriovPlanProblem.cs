namespace Dragline.Sriov.Plan;

/// <summary>Something wrong with a policy on this node. Messages are upstream's where upstream has one.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Message">What is wrong, naming the value.</param>
/// <param name="Severity">Error (blocks apply) or warning.</param>
/// <param name="PfName">The PF concerned, when the problem is about one.</param>
public sealed record SriovPlanProblem(string Policy, string Message, SriovPlanSeverity Severity, string? PfName = null)
{
    public override string ToString()
    {
        string prefix = Severity == SriovPlanSeverity.Warning ? "warning: " : "error: ";
        return PfName is null ? $"{prefix}{Policy}: {Message}" : $"{prefix}{Policy}: {PfName}: {Message}";
    }
}
