using Dragline.Core;
using Dragline.Linux.Discovery;
using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery;

public sealed class HostRootTests
{
    private static TemporaryTree Build(string manifest)
    {
        var tree = new TemporaryTree();
        SysfsTreeManifest.Parse(manifest).Materialise(tree.Path);
        return tree;
    }

    [Fact]
    public void RelativeLinksResolveFromTheFolderThatHoldsThem()
    {
        // class/net/eth0 -> ../../devices/.../net/eth0, whose device -> ../.. : naive resolution from sys/class/net would land in sys/class.
        using TemporaryTree tree = Build("""
            [sys/devices/pci0000:00/0000:00:03.0/net/eth0]
            device -> ../..
            [sys/class/net]
            eth0 -> ../../devices/pci0000:00/0000:00:03.0/net/eth0
            """);
        var root = new HostRoot(tree.Path);
        Assert.Equal("sys/devices/pci0000:00/0000:00:03.0", root.ResolvePath("sys/class/net/eth0/device"));
    }

    [Fact]
    public void AbsoluteTargetsAndDotDotStayInsideTheRoot()
    {
        using TemporaryTree tree = Build("""
            [sys/devices/virtual/net/lo]
            type = 772
            [sys/class/net]
            lo -> /sys/devices/virtual/net/lo
            escape -> ../../../../../../../../etc
            """);
        var root = new HostRoot(tree.Path);
        Assert.Equal("sys/devices/virtual/net/lo", root.ResolvePath("sys/class/net/lo"));
        Assert.Equal("etc", root.ResolvePath("sys/class/net/escape"));
    }

    [Fact]
    public void LinkLoopIsReportedNotFollowedForever()
    {
        using TemporaryTree tree = Build("""
            [sys]
            a -> b
            b -> a
            """);
        var root = new HostRoot(tree.Path);
        DraglineException e = Assert.Throws<DraglineException>(() => root.ResolvePath("sys/a"));
        Assert.Equal(DraglineErrorReason.Malformed, e.Reason);
        Assert.Contains("/sys/a", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRootNamesTheFolder()
    {
        DraglineException e = Assert.Throws<DraglineException>(() => new HostRoot("/nonexistent/dragline-root"));
        Assert.Equal(DraglineErrorReason.NotFound, e.Reason);
        Assert.Contains("/nonexistent/dragline-root", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributesAreTrimmedAndMissingOnesAreNull()
    {
        using TemporaryTree tree = Build("""
            [sys/x]
            vendor = 0x15b3
            numa_node = -1
            empty =
            """);
        var root = new HostRoot(tree.Path);
        Assert.Equal(0x15b3UL, root.ReadHex("sys/x/vendor"));
        Assert.Equal(-1, root.ReadInteger("sys/x/numa_node"));
        Assert.Null(root.ReadValue("sys/x/empty"));
        Assert.Null(root.ReadValue("sys/x/missing"));
        Assert.Null(root.ReadInteger("sys/x/vendor"));
        Assert.Empty(root.List("sys/missing"));
        Assert.False(root.IsLive);
        Assert.True(HostRoot.Live.IsLive);
        Assert.Equal("/sys/x", HostRoot.Display("sys/x"));
    }

    [Fact]
    public void ModprobeOptionsAreFoundAcrossFilesWithLineNumbers()
    {
        using TemporaryTree tree = Build("""
            [etc/modprobe.d]
            rdma.conf <<EOF
            # persist exclusive mode
            options ib-core netns_mode=0 other=1
            options mlx5_core prof_sel=2
            EOF
            ignored.txt = options ib_core netns_mode=1
            [lib/modprobe.d]
            vendor.conf = options ib_core netns_mode=1
            """);
        var discovery = new HostDiscovery(new HostRoot(tree.Path));
        IReadOnlyList<ModprobeOption> options = discovery.ReadModprobeOptions("ib_core");
        Assert.Equal(
            ["netns_mode=0 /etc/modprobe.d/rdma.conf:2", "other=1 /etc/modprobe.d/rdma.conf:2", "netns_mode=1 /lib/modprobe.d/vendor.conf:1"],
            options.Select(o => $"{o.Name}={o.Value} {o.Location}"));
    }

    [Fact]
    public void ReleaseFallsBackToProcVersion()
    {
        using TemporaryTree tree = Build("""
            [proc]
            version = Linux version 4.18.0-553.el8_10.x86_64 (mockbuild@x86-vm-07) (gcc version 8.5.0) #1 SMP
            """);
        KernelInfo kernel = new HostDiscovery(new HostRoot(tree.Path)).ReadKernel();
        Assert.Equal("4.18.0-553.el8_10.x86_64", kernel.Release);
        Assert.Equal("/proc/version", kernel.ReleaseSource);
        Assert.Equal(new Version(4, 18), kernel.Version);
        Assert.False(kernel.HasModuleList);
    }

    [Fact]
    public void OfedIsRecognisedByMlxCompat()
    {
        using TemporaryTree tree = Build("""
            [proc]
            modules = mlx_compat 16384 1 - Live 0x0000000000000000
            [sys/module/mlx_compat]
            version = 4.9-7.1.0
            """);
        OfedInfo ofed = Assert.IsType<OfedInfo>(new HostDiscovery(new HostRoot(tree.Path)).ReadKernel().Ofed);
        Assert.Equal(new Version(4, 9), ofed.Version);
        Assert.Equal("/sys/module/mlx_compat/version", ofed.Source);
    }
}
