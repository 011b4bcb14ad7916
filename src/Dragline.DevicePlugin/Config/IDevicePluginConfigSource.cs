namespace Dragline.DevicePlugin.Config;

/// <summary>
/// Where the device plugins get their pools: a config file (<see cref="DevicePluginConfigFile"/>), or
/// an adapter that renders applied SR-IOV policies into <see cref="VfPoolDefinition"/>s. Loaded at start
/// and again at every rescan; pools whose definition changed are rebuilt, new ones registered, gone
/// ones removed.
/// </summary>
public interface IDevicePluginConfigSource
{
    /// <summary>Names the source in log messages: a path, "SR-IOV policies", ...</summary>
    string Description { get; }

    /// <summary>The path of a file to watch for changes (a change triggers a rescan at once), or null.</summary>
    string? WatchedFile { get; }

    /// <summary>Loads the current config; throws <see cref="DevicePluginException"/> when it is invalid.</summary>
    DevicePluginConfig Load();
}
