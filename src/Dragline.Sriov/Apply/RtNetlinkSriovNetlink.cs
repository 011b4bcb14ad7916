using Dragline.Core.Hardware;
using Dragline.Linux.Netlink;

namespace Dragline.Sriov.Apply;

/// <summary><see cref="ISriovNetlink"/> over a real rtnetlink socket in the caller's network namespace.</summary>
public sealed class RtNetlinkSriovNetlink : ISriovNetlink, IDisposable
{
    private readonly RtNetlinkClient _client;

    public RtNetlinkSriovNetlink(RtNetlinkClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>Opens an rtnetlink socket in the calling thread's network namespace.</summary>
    public static RtNetlinkSriovNetlink Open() => new(RtNetlinkClient.Open());

    public NetworkLink? FindLink(string name) => _client.FindLink(name);

    public void SetVfMac(string pf, int vf, MacAddress mac) => _client.SetVfMac(IndexOf(pf), vf, mac);

    public void SetVfNodeGuid(string pf, int vf, Guid64 guid) => _client.SetVfNodeGuid(IndexOf(pf), vf, guid);

    public void SetVfPortGuid(string pf, int vf, Guid64 guid) => _client.SetVfPortGuid(IndexOf(pf), vf, guid);

    public void SetMtu(string link, int mtu) => _client.SetMtu(IndexOf(link), mtu);

    public void SetLinkUp(string link) => _client.SetLinkUp(IndexOf(link));

    public void Dispose() => _client.Dispose();

    private int IndexOf(string name) => _client.GetLink(name).Index;
}
