using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Linux.Discovery;

namespace Dragline.Lab;

/// <summary>Runs the <see cref="ILabPolicyPlanner"/> (when there is one) over the manifests' SR-IOV policies for each lab node.</summary>
public static class LabPolicyPlanning
{
    public const string NotAvailable = "policy planning: not available yet";

    /// <summary>
    /// Lines for the lab's output: empty when the manifests hold no SriovNetworkNodePolicy; one "not available yet" line
    /// per policy without a planner; otherwise the planner's lines per node, each prefixed with the node. The lab's nodes
    /// share this machine's hardware (<paramref name="hardware"/>, discovered from the live sysfs when null).
    /// </summary>
    public static List<string> Plan(IReadOnlyList<ManifestDocument> documents, ILabPolicyPlanner? planner, IReadOnlyList<string>? nodeNames = null, HostInventory? hardware = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        List<SriovNetworkNodePolicy> policies = [.. documents.Select(d => d.Object).OfType<SriovNetworkNodePolicy>()];
        if (policies.Count == 0)
        {
            return [];
        }

        if (planner is null)
        {
            return [.. policies.Select(p => $"SriovNetworkNodePolicy {p.Metadata.Namespace ?? "default"}/{p.Metadata.Name}: {NotAvailable}")];
        }

        hardware ??= new HostDiscovery(HostRoot.Live).Discover();
        var lines = new List<string>();
        foreach (string node in nodeNames ?? ["node1", "node2"])
        {
            lines.AddRange(planner.Plan(policies, node, hardware).Select(line => $"{node}: {line}"));
        }

        return lines;
    }
}
