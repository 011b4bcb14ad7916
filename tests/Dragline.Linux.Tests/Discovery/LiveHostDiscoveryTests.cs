using Dragline.Linux.Discovery;
using Dragline.Testing;

namespace Dragline.Linux.Tests.Discovery;

/// <summary>Discovery on the machine running the tests: read-only, needs no privileges.</summary>
public sealed class LiveHostDiscoveryTests
{
    [Fact]
    public void KernelReleaseMatchesProc()
    {
        KernelInfo kernel = new HostDiscovery(HostRoot.Live).ReadKernel();
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), kernel.Release);
        Assert.NotNull(kernel.Version);
    }

    [Fact]
    public void LoopbackIsFound()
    {
        NetDevice lo = Assert.IsType<NetDevice>(new HostDiscovery(HostRoot.Live).ReadNetDevice("lo"));
        Assert.Equal(NetLinkType.Loopback, lo.LinkType);
        Assert.Null(lo.PciAddress);
    }

    [Fact]
    public void WithoutInfinibandClassThereAreNoRdmaDevices()
    {
        if (Directory.Exists("/sys/class/infiniband"))
        {
            Assert.Skip(KernelSkip.Has("RDMA (/sys/class/infiniband)", "the no-RDMA case cannot be checked here"));
        }

        var discovery = new HostDiscovery(HostRoot.Live);
        Assert.Empty(discovery.ListRdmaDevices());
        Assert.Null(new SysfsRdmaNetnsModeSource(HostRoot.Live).TryRead());
    }

    [Fact]
    public void NetlinkNetnsModeAgreesWithSysfs()
    {
        // Both read the same kernel flag: without an RDMA core both are null, with one they agree.
        RdmaNetnsModeReading? sysfs = new SysfsRdmaNetnsModeSource(HostRoot.Live).TryRead();
        RdmaNetnsModeReading? netlink = new NetlinkRdmaNetnsModeSource().TryRead();
        Assert.Equal(sysfs?.Mode, netlink?.Mode);
        if (!Directory.Exists("/sys/module/ib_core"))
        {
            Assert.Null(netlink);
        }
    }

    [Fact]
    public void EveryPciDeviceHasACanonicalPathUnderSysDevices()
    {
        IReadOnlyList<PciDevice> devices = new HostDiscovery(HostRoot.Live).ListPciDevices();
        if (devices.Count == 0)
        {
            Assert.Skip(KernelSkip.Lacks("PCI devices (/sys/bus/pci/devices is empty)", "nothing to map to /sys/devices"));
        }

        Assert.All(devices, d => Assert.StartsWith("sys/devices/", d.PciePath.SysfsPath, StringComparison.Ordinal));
        Assert.All(devices, d => Assert.EndsWith(d.Address.ToString(), d.PciePath.SysfsPath, StringComparison.Ordinal));
    }
}
