using Dragline.Core;
using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.Linux;
using Dragline.Linux.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.DevicePlugin;

/// <summary>
/// Runs the kubelet device plugins of one node: one gRPC server per pool on a unix socket in the
/// kubelet's device-plugin directory, registered with <c>kubelet.sock</c>. The host loads and guards the
/// config and serialises the work; the jobs are done by <see cref="ResourcePoolSet"/> (pools and their
/// servers), <see cref="KubeletRegistration"/> (registering, noticing a kubelet restart) and
/// <see cref="DevicePluginLoops"/> (when the rescan and the kubelet check run).
/// <list type="bullet">
/// <item><see cref="StartAsync"/> loads the config, discovers the host, refuses RDMA shared pools in
/// exclusive netns mode, starts a server for every pool that has devices and registers it.</item>
/// <item><see cref="RescanAsync"/> (on a timer, on a config-file change, or called by tests) reloads the
/// config and re-discovers: health changes, new and changed pools, removed pools.</item>
/// <item><see cref="CheckKubeletAsync"/> (on a timer, on a change in the kubelet directory, or called by
/// tests) notices a kubelet restart — our socket removed, or <c>kubelet.sock</c> re-created — and serves
/// and registers again.</item>
/// <item><see cref="StopAsync"/> closes the servers and removes the sockets and device-info files.</item>
/// </list>
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DevicePluginHost : IAsyncDisposable
{
    private readonly DevicePluginHostOptions _options;
    private readonly IDevicePluginConfigSource _source;
    private readonly ILogger _logger;
    private readonly KubeletRegistration _registration;
    private readonly ResourcePoolSet _pools;
    private readonly DevicePluginLoops _loops;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DevicePluginConfig _config = new();
    private int _stopped;

    public DevicePluginHost(DevicePluginHostOptions options, IDevicePluginConfigSource source, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        _options = options;
        _source = source;
        loggers ??= NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger("Dragline.DevicePlugin");
        _registration = new KubeletRegistration(options.KubeletSocketPath, _logger);
        _pools = new ResourcePoolSet(options.KubeletDirectory, new DeviceInfoFiles(options.DeviceInfoDirectory), _registration, loggers, _logger);
        _loops = new DevicePluginLoops(options.TimeProvider, _logger);
    }

    /// <summary>The config in force.</summary>
    public DevicePluginConfig Config => _config;

    /// <summary>Every pool of the config in force, in config order (VF pools first), served or not.</summary>
    public IReadOnlyList<ResourcePool> Pools => _pools.Entries().Select(p => p.Pool).ToArray();

    /// <summary>The pools that have a server now (a pool without devices is not served, as upstream).</summary>
    public IReadOnlyList<ResourcePool> ServedPools => _pools.Entries().Where(p => p.Endpoint is not null).Select(p => p.Pool).ToArray();

    /// <summary>The pool serving <paramref name="fullName"/> (<c>prefix/name</c>), or null.</summary>
    public ResourcePool? FindPool(string fullName) => Pools.FirstOrDefault(p => p.FullName == fullName);

    /// <summary>The socket path of a pool's server.</summary>
    public string SocketPathOf(ResourcePool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return _pools.SocketPathOf(pool);
    }

    /// <summary>
    /// Loads the config, discovers, serves and registers. Throws <see cref="DevicePluginException"/> for an
    /// invalid config or RDMA shared pools in exclusive netns mode; a kubelet that is not up yet is not an
    /// error (registration is retried).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        DevicePluginConfig config = _source.Load();
        CheckNetnsMode(config);
        foreach (string warning in config.Warnings)
        {
            DevicePluginLog.ConfigWarning(_logger, _source.Description, warning);
        }

        Directory.CreateDirectory(_options.KubeletDirectory);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _config = config;
            await _pools.ApplyAsync(config, Discover(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        StartBackground();
    }

    /// <summary>Re-loads the config and re-discovers the host; an invalid new config is logged and the old one kept.</summary>
    public async Task RescanAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            DevicePluginConfig config = _config;
            try
            {
                DevicePluginConfig loaded = _source.Load();
                CheckNetnsMode(loaded);
                config = loaded;
            }
            catch (DraglineException e)
            {
                DevicePluginLog.ConfigRejected(_logger, _source.Description, e.Message);
            }

            _config = config;
            await _pools.ApplyAsync(config, Discover(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Serves and registers again what a kubelet restart dropped; registers what is not registered yet.</summary>
    public async Task CheckKubeletAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _registration.CheckAsync(_pools.Entries(), _pools.ServeAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the servers and the background work, and removes the sockets and device-info files.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _loops.DisposeAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _pools.StopAllAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        DevicePluginLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Why RDMA shared pools cannot run in exclusive netns mode, and how to switch.</summary>
    public static string ExclusiveModeMessage(DevicePluginConfig config, RdmaNetnsModeReading reading)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(reading);
        string names = string.Join(", ", config.SharedPools.Select(p => p.FullName));
        return $"the RDMA shared pool(s) {names} need the RDMA subsystem in shared network-namespace mode, but it is exclusive "
            + $"('{reading.RawValue}' from {reading.Source}). In exclusive mode every RDMA device belongs to exactly one network namespace, "
            + "so the containers of several pods cannot share an HCA. Either switch this node to shared mode with 'rdma system set netns shared' "
            + "(at once, until reboot, while no RDMA device has been moved into a pod) and make it permanent with 'options ib_core netns_mode=1' "
            + "in /etc/modprobe.d/ib_core.conf (then reload ib_core or reboot); or keep exclusive mode and remove configList, serving "
            + "SR-IOV VF pools (resourceList with isRdma: true) instead.";
    }

    private HostView Discover() => new(new HostDiscovery(_options.HostRoot, _options.AltNameSource).Discover());

    private void CheckNetnsMode(DevicePluginConfig config)
    {
        if (config.SharedPools.Count == 0)
        {
            return;
        }

        IRdmaNetnsModeSource source = _options.NetnsModeSource
            ?? (_options.HostRoot.IsLive
                ? new FirstAvailableRdmaNetnsModeSource(new NetlinkRdmaNetnsModeSource(), new SysfsRdmaNetnsModeSource(_options.HostRoot))
                : new SysfsRdmaNetnsModeSource(_options.HostRoot));
        if (source.TryRead() is { Mode: RdmaNetnsMode.Exclusive } reading)
        {
            throw new DevicePluginException(DraglineErrorReason.InvalidValue, ExclusiveModeMessage(config, reading));
        }
    }

    private void StartBackground()
    {
        if (_options.KubeletCheckInterval != Timeout.InfiniteTimeSpan)
        {
            _loops.Add(() => _options.KubeletCheckInterval, _options.KubeletDirectory, CheckKubeletAsync);
        }

        if (_options.RescanInterval != Timeout.InfiniteTimeSpan)
        {
            // Watch the folder, not the file: a ConfigMap volume swaps a symbolic link (..data) and never writes the file itself.
            string? folder = _source.WatchedFile is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } f && Directory.Exists(f) ? f : null;
            _loops.Add(() => _config.PeriodicUpdateInterval ?? _options.RescanInterval, folder, RescanAsync);
        }
    }
}
