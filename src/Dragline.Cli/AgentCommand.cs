using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Dragline.Agent;
using Dragline.Cli.ObjectCommands;
using Dragline.Cni.Agent;
using Dragline.Core;
using Dragline.Ipam.Store;
using Microsoft.Extensions.Logging;

namespace Dragline.Cli;

/// <summary>
/// <c>dragline agent --node NAME --store URI [--socket PATH] [--metrics ADDR:PORT]</c>: the node daemon in the
/// foreground. SIGTERM or SIGINT drains (requests in flight finish and are answered) and exits 0.
/// </summary>
public static class AgentCommand
{
    private const string Description =
        """
        Run the node agent in the foreground: the IPAM API for the dragline-ipam CNI plugin on a unix socket (mode 0600),
        and Prometheus metrics on an optional TCP address. Pools, reserved IPs, namespaces and pods are watched in the store.
        SIGTERM or SIGINT stops it cleanly: no new connections, requests in flight are finished and answered, then exit 0.

        Examples:
          dragline agent --node node-1 --store sqlite:/var/lib/dragline/ipam.db
          dragline agent --node gpu-7 --store etcd://10.0.0.1:2379,10.0.0.2:2379 --metrics 127.0.0.1:9750
          dragline agent --node gpu-7 --store sqlite:/var/lib/dragline/ipam.db --device-plugin-config /etc/dragline/device-plugins.json
          dragline agent --node gpu-7 --store sqlite:/var/lib/dragline/ipam.db --sriov-policies /etc/dragline/sriov-policies.yaml
        """;

    public static Command Build()
    {
        var node = new Option<string>("--node") { Description = "This node's name, recorded with every allocation.", Required = true };
        Option<string> store = StoreOption.Create();
        var socket = new Option<string>("--socket") { Description = $"The unix socket of the IPAM API (default {AgentPaths.DefaultSocket}).", DefaultValueFactory = _ => AgentPaths.DefaultSocket };
        var metrics = new Option<string?>("--metrics") { Description = "TCP address for GET /metrics, /healthz and /readyz, e.g. 127.0.0.1:9750. None when left out." };
        var devicePluginConfig = new Option<string?>("--device-plugin-config") { Description = "Also serve the kubelet device plugins (SR-IOV VF pools, RDMA shared pools) from this JSON file; see docs/device-plugins.md. None when left out." };
        var sriovPolicies = new Option<string?>("--sriov-policies") { Description = "Apply the SriovNetworkNodePolicies in this YAML file to this host (VFs, MACs/GUIDs, MTU) and serve the VF pools they define as device plugins; see docs/sriov.md. None when left out." };
        var kubeletDir = new Option<string>("--kubelet-dir") { Description = "The kubelet's device-plugin directory with kubelet.sock.", DefaultValueFactory = _ => DevicePlugin.DevicePluginHostOptions.DefaultKubeletDirectory };
        var sysfsRoot = new Option<string>("--sysfs-root") { Description = "The filesystem root the device plugins discover hardware under (/ on a host; a fixture tree in tests).", DefaultValueFactory = _ => "/" };
        var command = new Command("agent", Description);
        command.Options.Add(node);
        command.Options.Add(store);
        command.Options.Add(socket);
        command.Options.Add(metrics);
        command.Options.Add(devicePluginConfig);
        command.Options.Add(sriovPolicies);
        command.Options.Add(kubeletDir);
        command.Options.Add(sysfsRoot);
        command.SetAction(parseResult => RunAsync(
            parseResult.GetValue(node)!,
            parseResult.GetValue(store)!,
            parseResult.GetValue(socket)!,
            parseResult.GetValue(metrics),
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(devicePluginConfig),
            parseResult.GetValue(sriovPolicies),
            parseResult.GetValue(kubeletDir)!,
            parseResult.GetValue(sysfsRoot)!).GetAwaiter().GetResult());
        return command;
    }

    public static async Task<int> RunAsync(
        string nodeName, string storeUri, string socketPath, string? metricsAddress, TextWriter error,
        string? devicePluginConfig = null, string? sriovPolicies = null, string kubeletDirectory = DevicePlugin.DevicePluginHostOptions.DefaultKubeletDirectory, string sysfsRoot = "/")
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!OperatingSystem.IsLinux())
        {
            error.WriteLine("dragline agent: the agent runs on Linux only");
            return 1;
        }

        if (string.IsNullOrWhiteSpace(nodeName))
        {
            error.WriteLine("dragline agent: --node must not be empty; give this node's name (usually its host name)");
            return 1;
        }

        IPEndPoint? metricsEndpoint;
        try
        {
            StoreLocation.Parse(storeUri);
            metricsEndpoint = metricsAddress is null ? null : AgentOptions.ParseMetricsEndpoint(metricsAddress);
        }
        catch (DraglineException ex)
        {
            error.WriteLine($"dragline agent: {ex.Message}");
            return 1;
        }

        using ILoggerFactory loggers = CreateLoggerFactory();
        IStateStore? store = StoreOption.Open(storeUri, "agent", error);
        if (store is null)
        {
            return 1;
        }

        await using (store.ConfigureAwait(false))
        {
            using var stop = new CancellationTokenSource();
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true; // drain instead of dying at once
                stop.Cancel();
            }

            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            var options = new NodeDaemonOptions
            {
                NodeName = nodeName,
                SocketPath = socketPath,
                MetricsEndpoint = metricsEndpoint,
                DevicePluginConfigPath = devicePluginConfig,
                SriovPoliciesPath = sriovPolicies,
                KubeletDirectory = kubeletDirectory,
                SysfsRoot = sysfsRoot,
                LoggerFactory = loggers,
            };
            NodeDaemon daemon;
            try
            {
                daemon = await NodeDaemon.StartAsync(store, options).ConfigureAwait(false);
            }
            catch (DraglineException ex)
            {
                error.WriteLine($"dragline agent: {ex.Message}");
                return 1;
            }

            await using (daemon.ConfigureAwait(false))
            {
                await daemon.RunAsync(stop.Token).ConfigureAwait(false);
            }
        }

        return 0;
    }

    /// <summary>
    /// One line per message, every level on standard error (docs/agent.md): standard output stays free for
    /// what a command prints, and a supervisor collects one stream.
    /// </summary>
    private static ILoggerFactory CreateLoggerFactory() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        })
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddFilter("Microsoft", LogLevel.Warning));
}
