using System.Globalization;

namespace Dragline.Sriov.Plan;

/// <summary>One line per fact of a plan, for logs and the lab's output.</summary>
public static class SriovPlanDescriber
{
    /// <summary>
    /// A line per configured PF (<c>ibs5f0 (0000:86:00.0): 12 VFs (now 0, max 127) → spidernet.io/mellanoxibsriov VFs 0-11 [policyibsriov]</c>),
    /// then one per skipped policy and per problem; one line saying nothing applies when no PF is configured.
    /// </summary>
    public static IReadOnlyList<string> Describe(SriovNodePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lines = new List<string>();
        foreach (SriovPfPlan pf in plan.PhysicalFunctions)
        {
            string groups = string.Join(", ", pf.VfGroups.Select(g => $"{g.ResourceName} VFs {g.FirstVf}-{g.LastVf}{(g.IsRdma ? " (RDMA)" : "")}"));
            string managed = pf.ExternallyManaged ? ", externally managed" : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{pf.Name} ({pf.PciAddress}): {pf.NumVfs} VFs (now {pf.CurrentNumVfs}, max {pf.TotalVfs}{managed}) → {groups} [{string.Join(", ", pf.MatchedPolicies)}]"));
        }

        if (plan.PhysicalFunctions.Count == 0)
        {
            lines.Add($"no PF gets VFs: none of {plan.Policies.Count} policy(ies) selects a PF on this node");
        }

        lines.AddRange(plan.Policies.Where(p => p.SkippedBecause is not null).Select(p => $"policy {p.Name} not used: {p.SkippedBecause}"));
        lines.AddRange(plan.Problems.Select(p => p.ToString()));
        return lines;
    }
}
