using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.Server;
using Microsoft.Extensions.Logging;

namespace Dragline.DevicePlugin;

/// <summary>
/// The pools of the config in force and their servers: a new config and a fresh look at the host become pools
/// created, redefined, kept or removed; a pool with devices is served (and registered), one without is not.
/// Callers serialise calls; readers (<see cref="Entries"/>) may read at any time.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ResourcePoolSet(string socketDirectory, DeviceInfoFiles deviceInfo, KubeletRegistration registration, ILoggerFactory loggers, ILogger logger)
{
    private readonly List<PoolEntry> _pools = [];

    /// <summary>A snapshot of the entries, in config order (VF pools first).</summary>
    public PoolEntry[] Entries()
    {
        lock (_pools)
        {
            return [.. _pools];
        }
    }

    /// <summary>The socket path of a pool's server.</summary>
    public string SocketPathOf(ResourcePool pool) => Path.Combine(socketDirectory, pool.SocketName);

    /// <summary>Makes the pools those of <paramref name="config"/> with the devices of <paramref name="host"/>.</summary>
    public async Task ApplyAsync(DevicePluginConfig config, HostView host, CancellationToken cancellationToken)
    {
        var wanted = new List<PoolEntry>();
        foreach (VfPoolDefinition definition in config.VfPools)
        {
            wanted.Add(Reuse(definition.FullName, PoolKey.Of(definition), d => d is VfResourcePool vf ? vf : null,
                () => new VfResourcePool(definition, deviceInfo), pool => ((VfResourcePool)pool).Redefine(definition)));
        }

        foreach (RdmaSharedPoolDefinition definition in config.SharedPools)
        {
            wanted.Add(Reuse(definition.FullName, PoolKey.Of(definition), d => d is RdmaSharedResourcePool s ? s : null,
                () => new RdmaSharedResourcePool(definition), pool => ((RdmaSharedResourcePool)pool).Redefine(definition)));
        }

        foreach (PoolEntry gone in Entries().Where(e => !wanted.Contains(e)))
        {
            await StopServingAsync(gone).ConfigureAwait(false);
            DevicePluginLog.PoolRemoved(logger, gone.Pool.FullName);
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
                    DevicePluginLog.HcaRejected(logger, shared.FullName, rejected);
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
                    DevicePluginLog.EmptyPool(logger, entry.Pool.FullName);
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

    /// <summary>Starts the pool's server and registers it with the kubelet.</summary>
    public async Task ServeAsync(PoolEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Pool is VfResourcePool vf)
        {
            // Files of an earlier run describe allocations the kubelet no longer holds for us (upstream cleans at start too).
            vf.DeleteDeviceInfoFiles();
        }

        string socket = SocketPathOf(entry.Pool);
        PluginEndpoint endpoint = await PluginEndpoint.StartAsync(entry.Pool, socket, loggers, cancellationToken).ConfigureAwait(false);
        entry.Endpoint = endpoint;
        IReadOnlyList<AdvertisedDevice> devices = entry.Pool.Devices;
        int healthy = devices.Count(d => d.Healthy);
        DevicePluginLog.Serving(logger, entry.Pool.FullName, socket, healthy, devices.Count);
        await registration.RegisterAsync(endpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every server and removes the sockets and device-info files.</summary>
    public async Task StopAllAsync()
    {
        foreach (PoolEntry entry in Entries())
        {
            await StopServingAsync(entry).ConfigureAwait(false);
        }
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
            DevicePluginLog.PoolRedefined(logger, fullName);
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
                DevicePluginLog.DeviceUnhealthy(logger, entry.Pool.FullName, device.Id, device.UnhealthyReason ?? "unknown");
            }
            else if (device.Healthy && known && !wasHealthy)
            {
                DevicePluginLog.DeviceHealthy(logger, entry.Pool.FullName, device.Id);
            }

            entry.Health[device.Id] = device.Healthy;
        }
    }
}
