using Dragline.Linux.Netlink;

namespace Dragline.Linux.Discovery;

/// <summary>
/// Reads the live netns mode over RDMA netlink (RDMA_NLDEV_CMD_SYS_GET), as <c>rdma system</c>
/// does, in the calling thread's network namespace. Answers null when the kernel has no RDMA core
/// (the socket cannot be opened) or refuses the request, so a sysfs source can answer instead.
/// </summary>
public sealed class NetlinkRdmaNetnsModeSource : IRdmaNetnsModeSource
{
    private const string SourceName = "RDMA netlink (RDMA_NLDEV_CMD_SYS_GET, like 'rdma system')";

    public RdmaNetnsModeReading? TryRead()
    {
        try
        {
            using RdmaNetlinkClient client = RdmaNetlinkClient.Open();
            return client.GetNetnsMode() switch
            {
                RdmaNetnsMode.Exclusive => new RdmaNetnsModeReading(RdmaNetnsMode.Exclusive, "netns exclusive", SourceName),
                RdmaNetnsMode.Shared => new RdmaNetnsModeReading(RdmaNetnsMode.Shared, "netns shared", SourceName),
                _ => null,
            };
        }
        catch (LinuxException)
        {
            return null;
        }
    }
}
