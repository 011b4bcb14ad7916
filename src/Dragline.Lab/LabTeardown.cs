using Dragline.Cni;
using Dragline.Cni.Runtime;
using Dragline.Linux;
using Dragline.Linux.Namespaces;

namespace Dragline.Lab;

/// <summary>
/// <c>lab down</c>: CNI DEL of every attachment (with its cached ADD result as <c>prevResult</c>), the store checked for
/// allocations left, agents stopped (SIGTERM), namespaces deleted, the state directory removed. Works without the
/// state file from names and the process table.
/// </summary>
public static class LabTeardown
{
    private static readonly TimeSpan AgentStopTimeout = TimeSpan.FromSeconds(35);

    public static async Task<LabDownReport> DownAsync(string stateDirectoryPath, string prefix, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        LabPlanner.ValidatePrefix(prefix);
        string stateDirectory = Path.GetFullPath(stateDirectoryPath);
        var report = new LabDownReport();
        LabState? state = null;
        try
        {
            state = LabStateFile.Load(stateDirectory);
        }
        catch (LabException ex)
        {
            report.Problems.Add(ex.Message);
        }

        if (state is not null)
        {
            DeleteAttachments(state, report, progress);
            await LabStore.CountAllocationsAsync(state.Store, report, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            string store = Path.Combine(stateDirectory, "store.db");
            if (File.Exists(store))
            {
                await LabStore.CountAllocationsAsync("sqlite:" + store, report, cancellationToken).ConfigureAwait(false);
                if (report.RemainingAllocations > 0)
                {
                    progress($"no state file: {report.RemainingAllocations} allocation(s) could not be released by CNI DEL and go with the store");
                    report.RemainingAllocations = 0; // the store is removed with the state directory: nothing is left behind
                }
            }
        }

        StopAgents(state, stateDirectory, report, progress);
        DeleteNamespaces(state, prefix, report, progress);

        if (report.RemainingAllocations > 0)
        {
            report.Problems.Add($"the store still holds {report.RemainingAllocations} allocation(s) after CNI DEL: {string.Join(", ", report.RemainingAllocationDetails)}");
        }

        if (Directory.Exists(stateDirectory) && report.Problems.Count == 0)
        {
            Directory.Delete(stateDirectory, recursive: true);
            report.StateDirectoryRemoved = true;
            progress($"removed {stateDirectory}");
        }

        return report;
    }

    private static void DeleteAttachments(LabState state, LabDownReport report, Action<string> progress)
    {
        IReadOnlyList<string> cniPath = LabCniPath.Default();
        foreach (LabPodState pod in state.Pods)
        {
            LabNodeState? node = state.Nodes.Find(n => n.Name == pod.Node);
            foreach (LabAttachmentState attachment in Enumerable.Reverse(pod.Attachments).Where(a => a.Added))
            {
                if (node is null || !File.Exists(NetworkNamespace.PathOf(node.Namespace)))
                {
                    report.Problems.Add($"node namespace of {pod.Name} is gone; CNI DEL of {attachment.InterfaceName} skipped");
                    continue;
                }

                try
                {
                    using NetworkNamespace nodeNamespace = NetworkNamespace.OpenByName(node.Namespace);
                    var cni = new CniConfigListExecutor(cniPath, new NamespacedCniPluginLauncher(nodeNamespace));
                    cni.Delete(attachment.ConfigList, LabAttacher.InvocationOf(pod, attachment), attachment.Result);
                    attachment.Added = false;
                    report.Deleted++;
                    progress($"CNI DEL {pod.PodNamespace}/{pod.Name} {attachment.InterfaceName}");
                }
                catch (Exception ex) when (ex is LabException or LinuxException or CniException)
                {
                    report.Problems.Add(ex.Message);
                }
            }
        }
    }

    private static void StopAgents(LabState? state, string stateDirectory, LabDownReport report, Action<string> progress)
    {
        var pids = new HashSet<int>(state?.Nodes.Select(n => n.AgentPid).Where(p => p > 0) ?? []);
        if (Directory.Exists(stateDirectory))
        {
            pids.UnionWith(LabAgents.FindByStateDirectory(stateDirectory));
        }

        // Only pids that are still our agents: a saved pid may have been reused by another process since.
        foreach (int pid in pids.Where(p => LabAgents.FindByStateDirectory(stateDirectory).Contains(p)))
        {
            if (LabAgents.Stop(pid, AgentStopTimeout))
            {
                report.AgentsStopped++;
                progress($"agent pid {pid} stopped");
            }
        }
    }

    private static void DeleteNamespaces(LabState? state, string prefix, LabDownReport report, Action<string> progress)
    {
        var names = new List<string>();
        if (state is not null)
        {
            names.AddRange(state.Pods.Select(p => p.NetworkNamespace));
            names.AddRange(state.Nodes.Select(n => n.Namespace));
            names.Add(state.FabricNamespace);
        }

        if (Directory.Exists(NetworkNamespace.NamedDirectory))
        {
            names.AddRange(Directory.EnumerateFiles(NetworkNamespace.NamedDirectory).Select(Path.GetFileName).OfType<string>()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        foreach (string name in names.Distinct())
        {
            try
            {
                if (NetworkNamespace.Delete(name))
                {
                    report.NamespacesDeleted.Add(name);
                }
            }
            catch (LinuxException ex)
            {
                report.Problems.Add(ex.Message);
            }
        }

        if (report.NamespacesDeleted.Count > 0)
        {
            progress($"deleted namespaces {string.Join(", ", report.NamespacesDeleted)}");
        }
    }
}
