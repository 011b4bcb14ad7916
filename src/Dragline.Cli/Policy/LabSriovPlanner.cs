using Dragline.Api.Model.Sriov;
using Dragline.Lab;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.Cli.Policy;

/// <summary>The lab's SR-IOV planning: each lab node's policies planned against the hardware it discovered, one line per PF or problem.</summary>
internal sealed class LabSriovPlanner : ILabPolicyPlanner
{
    public IReadOnlyList<string> Plan(IReadOnlyList<SriovNetworkNodePolicy> policies, string nodeName, HostInventory hardware)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(hardware);
        SriovNodePlan plan = new SriovPolicyPlanner().Plan(policies, SriovNodeLabels.Default(nodeName), SriovNodeStatusBuilder.Build(hardware), nodeName);
        return SriovPlanDescriber.Describe(plan);
    }
}
