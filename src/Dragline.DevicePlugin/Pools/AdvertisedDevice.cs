namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// One device as ListAndWatch reports it: its ID, whether it is healthy (and why not), and the NUMA
/// node reported as its topology (null: none reported).
/// </summary>
public sealed record AdvertisedDevice(string Id, bool Healthy, int? NumaNode, string? UnhealthyReason = null)
{
    public string Health => Healthy ? DeviceHealth.Healthy : DeviceHealth.Unhealthy;
}
