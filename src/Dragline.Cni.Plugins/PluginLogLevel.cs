namespace Dragline.Cni.Plugins;

/// <summary>Severity of a plugin log line; lines below the configured level are not written.</summary>
public enum PluginLogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}
