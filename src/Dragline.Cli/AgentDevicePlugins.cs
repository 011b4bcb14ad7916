using Dragline.Cli.Policy;
using Dragline.Core;
using Dragline.DevicePlugin;
using Dragline.DevicePlugin.Config;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Apply;
using Dragline.Sriov.Plan;
using Microsoft.Extensions.Logging;

namespace Dragline.Cli;

/// <summary>
/// The kubelet device plugins that <c>dragline agent</c> runs next to the IPAM socket (docs/device-plugins.md):
/// SR-IOV VF pools and RDMA shared pools from <c>--device-plugin-config FILE</c> (re-read when it changes),
/// and VF pools generated from the SriovNetworkNodePolicies of <c>--sriov-policies FILE</c>, which the agent
/// applies to this host first, as the operator's config daemon would (docs/sriov.md).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class AgentDevicePlugins
{
    /// <summary>Starts them, or writes why not to <paramref name="error"/> and returns null.</summary>
    public static async Task<DevicePluginHost?> StartAsync(
        string? configPath, string? policyPath, string nodeName, string kubeletDirectory, string sysfsRoot, ILoggerFactory loggers, TextWriter error)
    {
        DevicePluginHost? host = null;
        try
        {
            var options = new DevicePluginHostOptions
            {
                KubeletDirectory = kubeletDirectory,
                HostRoot = sysfsRoot == "/" ? HostRoot.Live : new HostRoot(sysfsRoot),

                // pfNames may name a NIC by an altname, which only netlink knows; a fixture root has no live links.
                AltNameSource = sysfsRoot == "/" ? NetlinkAltNameSource.Snapshot() : null,
            };

            var sources = new List<IDevicePluginConfigSource>();
            if (policyPath is not null)
            {
                if (ApplyPolicies(policyPath, nodeName, sysfsRoot, error) is not { } plan)
                {
                    return null;
                }

                sources.Add(new FixedDevicePluginConfigSource($"SR-IOV policies in {policyPath}", SriovPolicyPools.FromPlan(plan)));
            }

            if (configPath is not null)
            {
                sources.Add(new DevicePluginConfigFile(configPath));
            }

            IDevicePluginConfigSource source = sources.Count == 1 ? sources[0] : new CompositeDevicePluginConfigSource([.. sources]);
            host = new DevicePluginHost(options, source, loggers);
            await host.StartAsync().ConfigureAwait(false);
            return host;
        }
        catch (Exception ex) when (ex is DraglineException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dragline agent: device plugins not started: {ex.Message}");
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }

            return null;
        }
    }

    /// <summary>
    /// Plans the policies for this node and, on a live host (root <c>/</c>), applies them. A fixture root is
    /// only planned: there is no kernel behind it to create VFs. Null (with the reasons written) when the
    /// policies cannot be planned; a failed apply step is reported and the VFs that exist are still served.
    /// </summary>
    private static SriovNodePlan? ApplyPolicies(string policyPath, string nodeName, string sysfsRoot, TextWriter error)
    {
        if (PolicyInput.Read("apply (dragline agent --sriov-policies)", policyPath, sysfsRoot, null, nodeName, TextReader.Null, error) is not { } input)
        {
            return null;
        }

        SriovNodePlan plan = input.Plan();
        foreach (SriovPlanProblem problem in plan.Problems)
        {
            error.WriteLine($"dragline agent: --sriov-policies {policyPath}: {problem}");
        }

        if (plan.HasErrors)
        {
            error.WriteLine($"dragline agent: fix the policies in '{policyPath}' (try: dragline policy plan -f {policyPath}); nothing was applied");
            return null;
        }

        if (sysfsRoot != "/")
        {
            return plan;
        }

        using RtNetlinkSriovNetlink netlink = RtNetlinkSriovNetlink.Open();
        SriovApplyResult result = new SriovPlanApplier(new HostSriovSysfs(input.Root), netlink, new SriovApplyOptions { AltNames = input.LiveAltNames() }).Apply(plan);
        foreach (SriovApplyFailure failure in result.Failures)
        {
            error.WriteLine($"dragline agent: SR-IOV apply failed: {failure}");
        }

        return plan;
    }
}
