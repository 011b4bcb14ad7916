using Dragline.Linux.Netlink;
using Dragline.Testing;

namespace Dragline.Linux.IntegrationTests.Netlink;

/// <summary>
/// The RDMA client against this machine's kernel. Kernels without the RDMA core refuse NETLINK_RDMA
/// sockets; the real behaviour (rxe, netns modes, moving devices) is tested in the kernel lab.
/// </summary>
public sealed class RdmaNetlinkClientTests
{
    [Fact]
    public void ReadsTheNetnsModeAndListsDevicesWhenTheKernelHasRdma()
    {
        ScratchNamespace.SkipUnlessRoot();
        RdmaNetlinkClient client;
        try
        {
            client = RdmaNetlinkClient.Open();
        }
        catch (LinuxException error) when (error.ErrnoName == "EPROTONOSUPPORT")
        {
            Assert.Contains("NETLINK", error.Message.ToUpperInvariant().Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Skip(KernelSkip.Lacks("the RDMA core (NETLINK_RDMA is unsupported)", "RDMA netlink runs in the kernel lab"));
            return;
        }

        using (client)
        {
            RdmaNetnsMode mode = client.GetNetnsMode();
            Assert.True(Enum.IsDefined(mode));
            foreach (RdmaNetlinkDevice device in client.ListDevices())
            {
                Assert.False(string.IsNullOrEmpty(device.Name));
                Assert.Equal((int)device.PortCount, device.Ports.Count);
            }
        }
    }
}
