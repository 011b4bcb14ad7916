namespace Dragline.DevicePlugin.Pools;

/// <summary>The health strings of the device-plugin API (<c>pluginapi.Healthy</c>, <c>pluginapi.Unhealthy</c>).</summary>
public static class DeviceHealth
{
    public const string Healthy = "Healthy";

    public const string Unhealthy = "Unhealthy";
}
