using Dragline.Linux.Netlink;

namespace Dragline.Linux.Discovery;

/// <summary>
/// Alternative interface names read over rtnetlink from one link dump of the caller's network namespace.
/// Meaningful only when discovery reads this host's own sysfs (root <c>/</c>): a fixture tree's names are
/// not this namespace's links. Take a new snapshot to see later changes.
/// </summary>
public sealed class NetlinkAltNameSource : INetDeviceAltNameSource
{
    private readonly Dictionary<string, IReadOnlyList<string>> _byName;

    public NetlinkAltNameSource(IEnumerable<NetworkLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        _byName = links.ToDictionary(l => l.Name, l => l.AltNames, StringComparer.Ordinal);
    }

    /// <summary>Dumps the links of the current network namespace once.</summary>
    public static NetlinkAltNameSource Snapshot()
    {
        using RtNetlinkClient client = RtNetlinkClient.Open();
        return new NetlinkAltNameSource(client.ListLinks());
    }

    public IReadOnlyList<string> GetAltNames(string interfaceName) =>
        _byName.TryGetValue(interfaceName, out IReadOnlyList<string>? names) ? names : [];
}
