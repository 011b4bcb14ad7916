namespace Dragline.DevicePlugin.Config;

/// <summary>A config file in the format of <see cref="DevicePluginConfigParser"/>, read again at every load.</summary>
public sealed class DevicePluginConfigFile : IDevicePluginConfigSource
{
    private readonly string? _defaultPrefix;

    public DevicePluginConfigFile(string path, string? defaultPrefix = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _defaultPrefix = defaultPrefix;
    }

    public string Path { get; }

    public string Description => Path;

    public string? WatchedFile => Path;

    public DevicePluginConfig Load() => DevicePluginConfigParser.ParseFile(Path, _defaultPrefix);
}
