using Dragline.Api.Model.Sriov;
using Dragline.Linux.Discovery;

namespace Dragline.Lab;

/// <summary>
/// Plans the manifests' SriovNetworkNodePolicy objects against one lab node's discovered hardware and describes the
/// plan for the lab's output (one line each: which NICs, how many VFs, which resource name, or why nothing applies).
/// The lab does not plan by itself: the SR-IOV layer implements this and is handed in through
/// <see cref="LabOptions.PolicyPlanner"/>; without one the lab prints "policy planning: not available yet".
/// </summary>
public interface ILabPolicyPlanner
{
    IReadOnlyList<string> Plan(IReadOnlyList<SriovNetworkNodePolicy> policies, string nodeName, HostInventory hardware);
}
