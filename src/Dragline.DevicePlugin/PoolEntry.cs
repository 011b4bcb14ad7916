using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.Server;

namespace Dragline.DevicePlugin;

/// <summary>One pool of the config in force, with its server (when it has devices) and what was last logged about it.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class PoolEntry(ResourcePool pool, string key)
{
    public ResourcePool Pool { get; } = pool;

    /// <summary>The definition's identity (<see cref="Config.PoolKey"/>): a change means the devices are selected again.</summary>
    public string Key { get; set; } = key;

    public PluginEndpoint? Endpoint { get; set; }

    /// <summary>The health last logged per device id, so each change is logged once.</summary>
    public Dictionary<string, bool> Health { get; } = new(StringComparer.Ordinal);

    public bool ReportedEmpty { get; set; }

    public string LastRejected { get; set; } = "";
}
