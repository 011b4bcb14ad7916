using Dragline.Api.Rendering;
using Dragline.Cni;
using Dragline.Cni.Runtime;

namespace Dragline.Lab;

/// <summary>
/// Judges a planned lab before anything is built: every CNI plugin its rendered networks run must be on the lab's CNI
/// path, and the host must have what those plugins need (SR-IOV for <c>dragline-sriov</c> and <c>dragline-ib-sriov</c>,
/// RDMA for <c>dragline-rdma</c>). Without this, a lab of an exclusive-mode network built its fabric and agents and
/// failed at the first pod.
/// </summary>
public static class LabPreflight
{
    /// <summary>
    /// The problems, one line each (empty: the lab can be built). <paramref name="pluginExists"/> answers for a plugin type;
    /// the lab passes a lookup on its CNI path.
    /// </summary>
    public static IReadOnlyList<string> Check(LabState plan, IReadOnlyList<string> cniPath, Func<string, bool> pluginExists, LabHostCapabilities host)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(cniPath);
        ArgumentNullException.ThrowIfNull(pluginExists);
        ArgumentNullException.ThrowIfNull(host);
        // network → the plugin types its list runs, in first-use order
        var networks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (LabAttachmentState attachment in plan.Pods.SelectMany(p => p.Attachments))
        {
            if (!networks.ContainsKey(attachment.Network))
            {
                networks[attachment.Network] = CniConfigListExecutor.PluginTypes(attachment.ConfigList);
            }
        }

        var problems = new List<string>();
        var missing = networks.SelectMany(n => n.Value.Where(t => !pluginExists(t)).Select(t => (Type: t, Network: n.Key)))
            .GroupBy(m => m.Type, StringComparer.Ordinal).ToList();
        foreach (var plugin in missing)
        {
            string planned = ShippedPlugins.Planned.Contains(plugin.Key, StringComparer.Ordinal) ? " (it is planned and not built yet)" : "";
            problems.Add($"CNI plugin '{plugin.Key}'{planned} (network {string.Join(", ", plugin.Select(m => m.Network).Distinct())}) is not in any of {string.Join(":", cniPath)}");
        }

        foreach ((string capability, bool present, string[] types) in (ReadOnlySpan<(string, bool, string[])>)[
                     ("SR-IOV (a PCI device with virtual functions, sriov_totalvfs above 0)", host.HasSriov, [PluginNames.Dragline.Sriov, PluginNames.Dragline.IbSriov]),
                     ("RDMA (a device under /sys/class/infiniband)", host.HasRdma, [PluginNames.Dragline.Rdma])])
        {
            var needing = networks.Where(n => n.Value.Any(types.Contains)).ToList();
            if (!present && needing.Count > 0)
            {
                problems.Add($"this host has no {capability}, which {string.Join(", ", needing.Select(n => $"network {n.Key} ({string.Join(", ", n.Value.Where(types.Contains))})"))} needs");
            }
        }

        return problems;
    }

    /// <summary>The error for <paramref name="problems"/>: what is missing, that nothing was built, and what to run instead.</summary>
    public static string Describe(IReadOnlyList<string> problems, IReadOnlyList<string> manifests)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(manifests);
        string files = manifests.Count == 0 ? "" : " " + string.Join(" ", manifests.Select(m => "-f " + m));
        return $"this machine cannot build the lab these manifests describe; nothing was created:{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)) + Environment.NewLine
            + $"Run the exclusive-mode lab in the kernel-lab guest instead (it has SR-IOV and RDMA): dragline lab up --kernel{files}"
            + $"{Environment.NewLine}or, for a missing Dragline plugin that this build ships ({string.Join(", ", ShippedPlugins.Names)}), ./build.sh first; for a missing reference plugin, install Debian's containernetworking-plugins";
    }
}
