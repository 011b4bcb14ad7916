using Dragline.Core;
using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.Server;
using Dragline.DevicePlugin.V1Beta1;
using Dragline.Linux;
using Dragline.Linux.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.DevicePlugin;

/// <summary>
/// Runs the kubelet device plugins of one node: one gRPC server per pool on a unix socket in the
/// kubelet's device-plugin directory, registered with <c>kubelet.sock</c>.
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
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly DeviceInfoFiles _deviceInfo;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _rescanSignal = new(0, 1);
    private readonly SemaphoreSlim _kubeletSignal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PoolEntry> _pools = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly List<Task> _loops = [];
    private DevicePluginConfig _config = new();
    private int _stopped;

    public DevicePluginHost(DevicePluginHostOptions options, IDevicePluginConfigSource source, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        _options = options;
        _source = source;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger("Dragline.DevicePlugin");
        _deviceInfo = new DeviceInfoFiles(options.DeviceInfoDirectory);
    }

    /// <summary>The config in force.</summary>
    public DevicePluginConfig Config => _config;

    /// <summary>Every pool of the config in force, in config order (VF pools first), served or not.</summary>
    public IReadOnlyList<ResourcePool> Pools
    {
        get
        {
            lock (_pools)
            {
                return _pools.Select(p => p.Pool).ToArray();
            }
        }
    }

    /// <summary>The pools that have a server now (a pool without devices is not served, as upstream).</summary>
    public IReadOnlyList<ResourcePool> ServedPools
    {
        get
        {
            lock (_pools)
            {
                return _pools.Where(p => p.Endpoint is not null).Select(p => p.Pool).ToArray();
            }
        }
    }

    /// <summary>The pool serving <paramref name="fullName"/> (<c>prefix/name</c>), or null.</summary>
    public ResourcePool? FindPool(string fullName) => Pools.FirstOrDefault(p => p.FullName == fullName);

    /// <summary>The socket path of a pool's server.</summary>
    public string SocketPathOf(ResourcePool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return Path.Combine(_options.KubeletDirectory, pool.SocketName);
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
        LogWarnings(config);
        Directory.CreateDirectory(_options.KubeletDirectory);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _config = config;
            await ApplyAsync(config, Discover(), cancellationToken).ConfigureAwait(false);
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
            await ApplyAsync(config, Discover(), cancellationToken).ConfigureAwait(false);
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
            foreach (PoolEntry entry in Entries())
            {
                if (entry.Endpoint is not { } endpoint)
                {
                    continue;
                }

                if (!endpoint.SocketExists)
                {
                    DevicePluginLog.KubeletRestarted(_logger, endpoint.SocketPath, "was removed", entry.Pool.FullName);
                    await endpoint.DisposeAsync().ConfigureAwait(false);
                    entry.Endpoint = null;
                    await ServeAsync(entry, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                DateTime? stamp = KubeletSocketStamp();
                if (stamp is not null && endpoint.RegisteredWith != stamp)
                {
                    if (endpoint.RegisteredWith is not null)
                    {
                        DevicePluginLog.KubeletRestarted(_logger, _options.KubeletSocketPath, "was re-created", entry.Pool.FullName);
                    }

                    await RegisterAsync(endpoint, cancellationToken).ConfigureAwait(false);
                }
            }
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

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (FileSystemWatcher watcher in _watchers)
        {
            watcher.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loops end by cancellation.
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (PoolEntry entry in Entries())
            {
                await StopServingAsync(entry).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        DevicePluginLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private PoolEntry[] Entries()
    {
        lock (_pools)
        {
            return [.. _pools];
        }
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

    private async Task ApplyAsync(DevicePluginConfig config, HostView host, CancellationToken cancellationToken)
    {
        var wanted = new List<PoolEntry>();
        foreach (VfPoolDefinition definition in config.VfPools)
        {
            wanted.Add(Reuse(definition.FullName, PoolKey.Of(definition), d => d is VfResourcePool vf ? vf : null,
                () => new VfResourcePool(definition, _deviceInfo), pool => ((VfResourcePool)pool).Redefine(definition)));
        }

        foreach (RdmaSharedPoolDefinition definition in config.SharedPools)
        {
            wanted.Add(Reuse(definition.FullName, PoolKey.Of(definition), d => d is RdmaSharedResourcePool s ? s : null,
                () => new RdmaSharedResourcePool(definition), pool => ((RdmaSharedResourcePool)pool).Redefine(definition)));
        }

        foreach (PoolEntry gone in Entries().Where(e => !wanted.Contains(e)))
        {
            await StopServingAsync(gone).ConfigureAwait(false);
            DevicePluginLog.PoolRemoved(_logger, gone.Pool.FullName);
        }

        lock (_pools)
        {
            _pools.Clear();
            _pools.AddRange(wanted);
        }

        IReadOnlyList<IReadOnlyList<SelectedVf>> selected = VfDeviceSelector.Select(host, config.VfPools);
        int vfIndex = 0;
        foreach (PoolEntry entry in wanted)
        {
            if (entry.Pool is VfResourcePool vf)
            {
                vf.Update(host, selected[vfIndex++]);
            }
            else if (entry.Pool is RdmaSharedResourcePool shared)
            {
                shared.Update(host);
                string rejected = string.Join("; ", shared.Rejected);
                if (rejected != entry.LastRejected && rejected.Length > 0)
                {
                    DevicePluginLog.HcaRejected(_logger, shared.FullName, rejected);
                }

                entry.LastRejected = rejected;
            }

            LogHealthChanges(entry);
            if (entry.Pool.Devices.Count == 0)
            {
                if (entry.Endpoint is not null)
                {
                    await StopServingAsync(entry).ConfigureAwait(false);
                }

                if (!entry.ReportedEmpty)
                {
                    DevicePluginLog.EmptyPool(_logger, entry.Pool.FullName);
                    entry.ReportedEmpty = true;
                }
            }
            else if (entry.Endpoint is null)
            {
                entry.ReportedEmpty = false;
                await ServeAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private PoolEntry Reuse(string fullName, string key, Func<ResourcePool, ResourcePool?> sameKind, Func<ResourcePool> create, Action<ResourcePool> redefine)
    {
        PoolEntry? existing = Entries().FirstOrDefault(e => e.Pool.FullName == fullName && sameKind(e.Pool) is not null);
        if (existing is null)
        {
            return new PoolEntry(create(), key);
        }

        if (existing.Key != key)
        {
            redefine(existing.Pool);
            existing.Key = key;
            existing.Health.Clear();
            DevicePluginLog.PoolRedefined(_logger, fullName);
        }

        return existing;
    }

    private void LogHealthChanges(PoolEntry entry)
    {
        foreach (AdvertisedDevice device in entry.Pool.Devices)
        {
            bool known = entry.Health.TryGetValue(device.Id, out bool wasHealthy);
            if (!device.Healthy && (!known || wasHealthy))
            {
                DevicePluginLog.DeviceUnhealthy(_logger, entry.Pool.FullName, device.Id, device.UnhealthyReason ?? "unknown");
            }
            else if (device.Healthy && known && !wasHealthy)
            {
                DevicePluginLog.DeviceHealthy(_logger, entry.Pool.FullName, device.Id);
            }

            entry.Health[device.Id] = device.Healthy;
        }
    }

    private async Task ServeAsync(PoolEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Pool is VfResourcePool vf)
        {
            // Files of an earlier run describe allocations the kubelet no longer holds for us (upstream cleans at start too).
            vf.DeleteDeviceInfoFiles();
        }

        string socket = SocketPathOf(entry.Pool);
        PluginEndpoint endpoint = await PluginEndpoint.StartAsync(entry.Pool, socket, _loggers, cancellationToken).ConfigureAwait(false);
        entry.Endpoint = endpoint;
        IReadOnlyList<AdvertisedDevice> devices = entry.Pool.Devices;
        int healthy = devices.Count(d => d.Healthy);
        DevicePluginLog.Serving(_logger, entry.Pool.FullName, socket, healthy, devices.Count);
        await RegisterAsync(endpoint, cancellationToken).ConfigureAwait(false);
    }

    private async Task RegisterAsync(PluginEndpoint endpoint, CancellationToken cancellationToken)
    {
        string kubeletSocket = _options.KubeletSocketPath;
        DateTime? stamp = KubeletSocketStamp();
        if (stamp is null)
        {
            endpoint.RegisteredWith = null;
            DevicePluginLog.RegistrationFailed(_logger, endpoint.Pool.FullName, kubeletSocket, "the kubelet socket does not exist (is the kubelet running?)");
            return;
        }

        try
        {
            using var channel = UnixSocketChannel.Create(kubeletSocket);
            var client = new Registration.RegistrationClient(channel);
            await client.RegisterAsync(
                new RegisterRequest
                {
                    Version = "v1beta1",
                    Endpoint = endpoint.Pool.SocketName,
                    ResourceName = endpoint.Pool.FullName,
                    Options = DevicePluginService.Options,
                },
                deadline: DateTime.UtcNow.AddSeconds(10),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            endpoint.RegisteredWith = stamp;
            DevicePluginLog.Registered(_logger, endpoint.Pool.FullName, kubeletSocket);
        }
        catch (Grpc.Core.RpcException e)
        {
            endpoint.RegisteredWith = null;
            DevicePluginLog.RegistrationFailed(_logger, endpoint.Pool.FullName, kubeletSocket, $"{e.StatusCode}: {e.Status.Detail}");
        }
    }

    private DateTime? KubeletSocketStamp()
    {
        // A restarted kubelet binds a new socket: a new file with a new modification time (nanoseconds on Linux).
        var info = new FileInfo(_options.KubeletSocketPath);
        return info.Exists ? info.LastWriteTimeUtc : null;
    }

    private static async Task StopServingAsync(PoolEntry entry)
    {
        if (entry.Endpoint is { } endpoint)
        {
            entry.Endpoint = null;
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }

        if (entry.Pool is VfResourcePool vf)
        {
            vf.DeleteDeviceInfoFiles();
        }
    }

    private void LogWarnings(DevicePluginConfig config)
    {
        foreach (string warning in config.Warnings)
        {
            DevicePluginLog.ConfigWarning(_logger, _source.Description, warning);
        }
    }

    private void StartBackground()
    {
        CancellationToken stop = _stop.Token;
        if (_options.KubeletCheckInterval != Timeout.InfiniteTimeSpan)
        {
            _watchers.Add(Watch(_options.KubeletDirectory, null, _kubeletSignal));
            _loops.Add(Task.Run(() => LoopAsync(() => _options.KubeletCheckInterval, _kubeletSignal, CheckKubeletAsync, stop), stop));
        }

        if (_options.RescanInterval != Timeout.InfiniteTimeSpan)
        {
            if (_source.WatchedFile is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && Directory.Exists(folder))
            {
                // Watch the folder, not the file: a ConfigMap volume swaps a symbolic link (..data) and never writes the file itself.
                _watchers.Add(Watch(folder, null, _rescanSignal));
            }

            _loops.Add(Task.Run(() => LoopAsync(() => _config.PeriodicUpdateInterval ?? _options.RescanInterval, _rescanSignal, RescanAsync, stop), stop));
        }
    }

    private static FileSystemWatcher Watch(string folder, string? filter, SemaphoreSlim signal)
    {
        var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false };
        if (filter is not null)
        {
            watcher.Filter = filter;
        }

        void Wake(object sender, FileSystemEventArgs e) => Signal(signal);
        watcher.Created += Wake;
        watcher.Deleted += Wake;
        watcher.Changed += Wake;
        watcher.Renamed += (s, e) => Signal(signal);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private static void Signal(SemaphoreSlim signal)
    {
        try
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private async Task LoopAsync(Func<TimeSpan> interval, SemaphoreSlim signal, Func<CancellationToken, Task> work, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                TimeSpan every = interval();
                Task delay = every == Timeout.InfiniteTimeSpan
                    ? Task.Delay(Timeout.Infinite, wake.Token)
                    : Task.Delay(every, _options.TimeProvider, wake.Token);
                Task signalled = signal.WaitAsync(wake.Token);
                await Task.WhenAny(delay, signalled).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
            }

            if (stop.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await work(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is DraglineException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                DevicePluginLog.RescanFailed(_logger, e);
            }
        }
    }

    private sealed class PoolEntry(ResourcePool pool, string key)
    {
        public ResourcePool Pool { get; } = pool;

        public string Key { get; set; } = key;

        public PluginEndpoint? Endpoint { get; set; }

        public Dictionary<string, bool> Health { get; } = new(StringComparer.Ordinal);

        public bool ReportedEmpty { get; set; }

        public string LastRejected { get; set; } = "";
    }
}
