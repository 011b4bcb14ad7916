using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Apply;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.KernelLab.Guest;

/// <summary>SR-IOV policies: what <c>dragline policy apply</c> does, with Dragline.Sriov on the guest's real kernel.</summary>
internal static class PolicyCommands
{
    /// <summary>Plans the manifest's policies for this host and applies them through sysfs and rtnetlink.</summary>
    public static void Apply(string manifest)
    {
        List<SriovNetworkNodePolicy> policies = [.. ManifestReader.Default.ReadFile(manifest).Select(d => d.Object).OfType<SriovNetworkNodePolicy>()];
        if (policies.Count == 0)
        {
            throw new DraglineException(DraglineErrorReason.NotFound, $"{manifest} has no SriovNetworkNodePolicy");
        }

        HostRoot root = HostRoot.Live;
        SriovNetworkNodeStateStatus status = SriovNodeStatusBuilder.Build(new HostDiscovery(root).Discover());
        SriovNodePlan plan = new SriovPolicyPlanner().Plan(policies, SriovNodeLabels.Default(Environment.MachineName), status, Environment.MachineName);
        foreach (string line in SriovPlanDescriber.Describe(plan))
        {
            Console.WriteLine("# " + line);
        }

        using RtNetlinkSriovNetlink netlink = RtNetlinkSriovNetlink.Open();
        SriovApplyResult result = new SriovPlanApplier(new HostSriovSysfs(root), netlink).Apply(plan);
        foreach (SriovApplyAction action in result.Actions)
        {
            Record.Print("sriov-apply-action", ("pf", action.Pf), ("step", action.Step), ("detail", action.Detail));
        }

        foreach (SriovPfPlan pf in plan.PhysicalFunctions)
        {
            SriovInterfaceStatus? now = result.State.Status?.Interfaces?.FirstOrDefault(i => i.PciAddress == pf.PciAddress.ToString());
            Record.Print("sriov-apply-pf", ("pf", pf.Name), ("pci", pf.PciAddress), ("numvfs", now?.NumVfs), ("vfs", now?.Vfs?.Count ?? 0));
            foreach (SriovVirtualFunctionStatus vf in now?.Vfs ?? [])
            {
                Record.Print("sriov-apply-vf", ("index", vf.VfId), ("pci", vf.PciAddress), ("netdev", vf.Name), ("driver", vf.Driver), ("mac", vf.Mac));
            }
        }

        Record.Print("sriov-apply", ("status", result.State.Status?.SyncStatus), ("actions", result.Actions.Count), ("error", result.State.Status?.LastSyncError));
        if (!result.Succeeded)
        {
            throw new DraglineException(DraglineErrorReason.System, result.State.Status?.LastSyncError ?? "apply failed");
        }
    }
}
