using Dragline.Agent.Metrics;
using Dragline.Core;
using Dragline.DevicePlugin;
using Dragline.Ipam;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;
using Microsoft.Extensions.Logging;

namespace Dragline.Agent;

/// <summary>
/// The node daemon (<c>dragline agent</c>): the IPAM API on the agent socket, over an engine that watches pools
/// and pods in the store; and, when asked, the SR-IOV policies applied to this host and the kubelet device
/// plugins. Starting is all or nothing: a part that cannot start stops the parts already started. Stopping
/// goes in reverse: the IPAM API drains (requests in flight are answered), then the device plugins close,
/// then the store watch ends. The store belongs to the caller, who opens it and disposes it after the daemon.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NodeDaemon : IAsyncDisposable
{
    private readonly StoreObjectSource _objects;
    private int _stopped;

    private NodeDaemon(NodeDaemonOptions options, StoreObjectSource objects, AgentHost agent, DevicePluginHost? devicePlugins)
    {
        Options = options;
        _objects = objects;
        Agent = agent;
        DevicePlugins = devicePlugins;
    }

    public NodeDaemonOptions Options { get; }

    /// <summary>The IPAM API server.</summary>
    public AgentHost Agent { get; }

    /// <summary>The device plugins, or null when neither a config nor policies were given.</summary>
    public DevicePluginHost? DevicePlugins { get; }

    /// <summary>Starts every part, or throws a <see cref="DraglineException"/> naming the part that failed and why.</summary>
    public static async Task<NodeDaemon> StartAsync(IStateStore store, NodeDaemonOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeName);
        ILogger logger = options.LoggerFactory.CreateLogger("Dragline.Agent");
        var objects = new StoreObjectSource(store, logger);
        AgentHost? agent = null;
        try
        {
            objects.Start();

            // One metrics instance for the host and the engine: the engine reports every commit (batch size, conflicts).
            var metrics = new AgentMetrics();
            var engine = new IpamEngine(store, objects, new IpamEngineOptions { NodeName = options.NodeName, CommitObserver = metrics.ObserveCommit });
            var service = new EngineIpamService(engine, store, objects, options.NodeName, logger);
            var agentOptions = new AgentOptions
            {
                NodeName = options.NodeName,
                SocketPath = options.SocketPath,
                MetricsEndpoint = options.MetricsEndpoint,
                DrainTimeout = options.DrainTimeout,
            };
            try
            {
                agent = await AgentHost.StartAsync(agentOptions, service, options.LoggerFactory, metrics, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DraglineException or IOException or UnauthorizedAccessException)
            {
                throw new DraglineException(ex is DraglineException d ? d.Reason : DraglineErrorReason.System,
                    $"cannot listen on {options.SocketPath}: {ex.Message}", ex);
            }

            DevicePluginHost? devicePlugins = options.ServesDevicePlugins
                ? await NodeDevicePlugins.StartAsync(options, logger, cancellationToken).ConfigureAwait(false)
                : null;
            return new NodeDaemon(options, objects, agent, devicePlugins);
        }
        catch
        {
            if (agent is not null)
            {
                await agent.DisposeAsync().ConfigureAwait(false);
            }

            await objects.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Serves until <paramref name="stopToken"/> is cancelled, then stops every part in order.</summary>
    public async Task RunAsync(CancellationToken stopToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The stop signal.
        }

        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Drains the IPAM API, closes the device plugins, ends the store watch.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            await Agent.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            try
            {
                if (DevicePlugins is not null)
                {
                    await DevicePlugins.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                await Agent.DisposeAsync().ConfigureAwait(false);
                await _objects.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
