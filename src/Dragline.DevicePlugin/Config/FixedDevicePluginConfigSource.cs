namespace Dragline.DevicePlugin.Config;

/// <summary>
/// A source whose config is whatever its owner last set: an adapter that renders SR-IOV policies calls
/// <see cref="Set"/> after applying them and then <see cref="DevicePluginHost.RescanAsync"/>.
/// </summary>
public sealed class FixedDevicePluginConfigSource : IDevicePluginConfigSource
{
    private DevicePluginConfig _config;

    public FixedDevicePluginConfigSource(string description, DevicePluginConfig config)
    {
        ArgumentException.ThrowIfNullOrEmpty(description);
        ArgumentNullException.ThrowIfNull(config);
        Description = description;
        _config = config;
    }

    public string Description { get; }

    public string? WatchedFile => null;

    public DevicePluginConfig Load() => Volatile.Read(ref _config);

    public void Set(DevicePluginConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Volatile.Write(ref _config, config);
    }
}
