using Dragline.Core;

namespace Dragline.DevicePlugin.Config;

/// <summary>
/// Several sources served as one: for instance the pools an adapter renders from applied SR-IOV policies
/// together with the pools of a config file. Pools keep the sources' order (so, for SR-IOV pools, an
/// earlier source's pool takes a device first); the first source that sets
/// <see cref="DevicePluginConfig.PeriodicUpdateInterval"/> decides it; a resource named twice is an error.
/// A change to the watched file of any source triggers a rescan only for the first source that has one.
/// </summary>
public sealed class CompositeDevicePluginConfigSource : IDevicePluginConfigSource
{
    private readonly IReadOnlyList<IDevicePluginConfigSource> _sources;

    public CompositeDevicePluginConfigSource(params IDevicePluginConfigSource[] sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Length == 0)
        {
            throw new ArgumentException("give at least one config source", nameof(sources));
        }

        _sources = sources;
    }

    public string Description => string.Join(" + ", _sources.Select(s => s.Description));

    public string? WatchedFile => _sources.Select(s => s.WatchedFile).FirstOrDefault(f => f is not null);

    public DevicePluginConfig Load()
    {
        var vf = new List<VfPoolDefinition>();
        var shared = new List<RdmaSharedPoolDefinition>();
        var warnings = new List<string>();
        TimeSpan? interval = null;
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (IDevicePluginConfigSource source in _sources)
        {
            DevicePluginConfig config = source.Load();
            foreach (string name in config.ResourceNames)
            {
                if (!owner.TryAdd(name, source.Description))
                {
                    throw new DevicePluginException(DraglineErrorReason.Conflict,
                        $"resource \"{name}\" is defined by both {owner[name]} and {source.Description}; keep it in one of them");
                }
            }

            vf.AddRange(config.VfPools);
            shared.AddRange(config.SharedPools);
            warnings.AddRange(config.Warnings);
            interval ??= config.PeriodicUpdateInterval;
        }

        return new DevicePluginConfig { VfPools = vf, SharedPools = shared, Warnings = warnings, PeriodicUpdateInterval = interval };
    }
}
