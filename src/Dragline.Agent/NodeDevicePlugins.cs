using Dragline.Agent.Hosting;
using Dragline.Core;
using Dragline.DevicePlugin;
using Dragline.DevicePlugin.Config;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Apply;
using Dragline.Sriov.Plan;
using Dragline.Sriov.Policy;
using Microsoft.Extensions.Logging;

namespace Dragline.Agent;

/// <summary>
/// The node daemon's kubelet device plugins (docs/device-plugins.md): SR-IOV VF pools and RDMA shared pools from
/// the device-plugin config file (re-read when it changes), and VF pools generated from the SriovNetworkNodePolicies
/// of the policy file, which are applied to this host first, as the operator's config daemon would (docs/sriov.md).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class NodeDevicePlugins
{
    /// <summary>Applies the policies and starts the plugins, or throws a <see cref="DraglineException"/> saying why not.</summary>
    public static async Task<DevicePluginHost> StartAsync(NodeDaemonOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        DevicePluginHost? host = null;
        try
        {
            bool live = options.SysfsRoot == "/";
            var hostOptions = new DevicePluginHostOptions
            {
                KubeletDirectory = options.KubeletDirectory,
                HostRoot = live ? HostRoot.Live : new HostRoot(options.SysfsRoot),

                // pfNames may name a NIC by an altname, which only netlink knows; a fixture root has no live links.
                AltNameSource = live ? NetlinkAltNameSource.Snapshot() : null,
            };

            var sources = new List<IDevicePluginConfigSource>();
            if (options.SriovPoliciesPath is { } policyPath)
            {
                SriovNodePlan plan = ApplyPolicies(policyPath, options, logger);
                sources.Add(new FixedDevicePluginConfigSource($"SR-IOV policies in {policyPath}", SriovPolicyPools.FromPlan(plan)));
            }

            if (options.DevicePluginConfigPath is { } configPath)
            {
                sources.Add(new DevicePluginConfigFile(configPath));
            }

            IDevicePluginConfigSource source = sources.Count == 1 ? sources[0] : new CompositeDevicePluginConfigSource([.. sources]);
            host = new DevicePluginHost(hostOptions, source, options.LoggerFactory);
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch (Exception ex) when (ex is DraglineException or IOException or UnauthorizedAccessException)
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }

            throw new DraglineException(ex is DraglineException d ? d.Reason : DraglineErrorReason.System, $"device plugins not started: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Plans the policies for this node and, on a live host (root <c>/</c>), applies them. A fixture root is only
    /// planned: there is no kernel behind it to create VFs. A plan with errors throws; a failed apply step is
    /// logged and the VFs that exist are still served.
    /// </summary>
    private static SriovNodePlan ApplyPolicies(string policyPath, NodeDaemonOptions options, ILogger logger)
    {
        SriovPolicyFile policies;
        try
        {
            policies = SriovPolicyFile.Read(policyPath, options.SysfsRoot, nodeLabels: null, options.NodeName);
        }
        catch (SriovPolicyFileException e)
        {
            foreach (string problem in e.Problems)
            {
                AgentLog.SriovPolicyProblem(logger, policyPath, problem);
            }

            throw new DraglineException(e.Reason, $"--sriov-policies {policyPath}: {e.Message}", e);
        }

        SriovNodePlan plan = policies.Plan();
        foreach (SriovPlanProblem problem in plan.Problems)
        {
            AgentLog.SriovPolicyProblem(logger, policyPath, problem.ToString());
        }

        if (plan.HasErrors)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"fix the policies in '{policyPath}' (try: dragline policy plan -f {policyPath}); nothing was applied");
        }

        if (options.SysfsRoot != "/")
        {
            return plan;
        }

        using RtNetlinkSriovNetlink netlink = RtNetlinkSriovNetlink.Open();
        SriovApplyResult result = new SriovPlanApplier(new HostSriovSysfs(policies.Root), netlink, new SriovApplyOptions { AltNames = policies.LiveAltNames() }).Apply(plan);
        foreach (SriovApplyFailure failure in result.Failures)
        {
            AgentLog.SriovApplyFailed(logger, failure.ToString());
        }

        return plan;
    }
}
