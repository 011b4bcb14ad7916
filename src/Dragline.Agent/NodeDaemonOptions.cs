using System.Net;
using Dragline.Cni.Agent;
using Dragline.DevicePlugin;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.Agent;

/// <summary>What <see cref="NodeDaemon"/> runs on this node, and where.</summary>
public sealed class NodeDaemonOptions
{
    /// <summary>The node name recorded with every allocation and matched by policy node selectors. Required.</summary>
    public required string NodeName { get; init; }

    /// <summary>The unix socket of the IPAM API (mode 0600, in a directory only root may write).</summary>
    public string SocketPath { get; init; } = AgentPaths.DefaultSocket;

    /// <summary>The TCP address of <c>/metrics</c>, <c>/healthz</c> and <c>/readyz</c>, or null for none.</summary>
    public IPEndPoint? MetricsEndpoint { get; init; }

    /// <summary>How long a stop waits for IPAM requests in flight.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The device-plugin config file (docs/device-plugins.md), re-read when it changes; null for none.</summary>
    public string? DevicePluginConfigPath { get; init; }

    /// <summary>SriovNetworkNodePolicies to apply to this host and serve as VF pools (docs/sriov.md); null for none.</summary>
    public string? SriovPoliciesPath { get; init; }

    /// <summary>The kubelet's device-plugin directory, with <c>kubelet.sock</c>.</summary>
    public string KubeletDirectory { get; init; } = DevicePluginHostOptions.DefaultKubeletDirectory;

    /// <summary>The root hardware is discovered under: <c>/</c> on a host, a fixture tree in tests (planned, never applied).</summary>
    public string SysfsRoot { get; init; } = "/";

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Whether the device plugins run at all: they do when a config or a policy file is given.</summary>
    public bool ServesDevicePlugins => DevicePluginConfigPath is not null || SriovPoliciesPath is not null;
}
