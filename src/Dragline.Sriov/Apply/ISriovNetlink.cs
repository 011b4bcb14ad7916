using Dragline.Core.Hardware;
using Dragline.Linux.Netlink;

namespace Dragline.Sriov.Apply;

/// <summary>
/// The rtnetlink side of applying a plan: link state and the VF settings set through the PF (sriov-rdma.md 5.5).
/// <see cref="RtNetlinkSriovNetlink"/> talks to the kernel; the tests' <c>FakeSriovKernel</c> (in the test-support project) simulates it.
/// </summary>
public interface ISriovNetlink
{
    /// <summary>The link named <paramref name="name"/> with its VFs, or null when there is none.</summary>
    NetworkLink? FindLink(string name);

    void SetVfMac(string pf, int vf, MacAddress mac);

    void SetVfNodeGuid(string pf, int vf, Guid64 guid);

    void SetVfPortGuid(string pf, int vf, Guid64 guid);

    void SetMtu(string link, int mtu);

    void SetLinkUp(string link);
}
