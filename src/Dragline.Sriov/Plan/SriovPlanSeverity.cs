namespace Dragline.Sriov.Plan;

/// <summary>How bad a planning problem is.</summary>
public enum SriovPlanSeverity
{
    /// <summary>Worth knowing; the plan stands (a lower-priority policy overridden, a policy not for this node).</summary>
    Warning,

    /// <summary>The plan cannot be applied until the policies are fixed.</summary>
    Error,
}
