using Dragline.DevicePlugin.V1Beta1;

namespace Dragline.DevicePlugin.Pools;

/// <summary>Device specs of one container response, deduplicated by host path (upstream does the same across a request).</summary>
internal sealed class DeviceSpecSet
{
    private readonly HashSet<string> _hostPaths = new(StringComparer.Ordinal);

    public List<DeviceSpec> Specs { get; } = [];

    /// <summary>Adds <paramref name="path"/> (same path in the host and the container) once.</summary>
    public void Add(string path, string permissions) => Add(path, path, permissions);

    public void Add(string hostPath, string containerPath, string permissions)
    {
        if (_hostPaths.Add(hostPath))
        {
            Specs.Add(new DeviceSpec { HostPath = hostPath, ContainerPath = containerPath, Permissions = permissions });
        }
    }
}
