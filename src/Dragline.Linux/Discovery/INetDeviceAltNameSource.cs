namespace Dragline.Linux.Discovery;

/// <summary>
/// Alternative interface names (<c>ip link property add ... altname</c>) live only in netlink
/// (IFLA_PROP_LIST), not in sysfs; discovery asks this for them.
/// </summary>
public interface INetDeviceAltNameSource
{
    /// <summary>The alternative names of <paramref name="interfaceName"/>; empty when it has none or cannot say.</summary>
    IReadOnlyList<string> GetAltNames(string interfaceName);
}
