using Dragline.Linux.Discovery;

namespace Dragline.Sriov.Tests;

/// <summary>AltNames as netlink would report them, for fixture trees (sysfs has none).</summary>
public sealed class FixedAltNames(Dictionary<string, string[]> names) : INetDeviceAltNameSource
{
    public IReadOnlyList<string> GetAltNames(string interfaceName) => names.TryGetValue(interfaceName, out string[]? found) ? found : [];
}
