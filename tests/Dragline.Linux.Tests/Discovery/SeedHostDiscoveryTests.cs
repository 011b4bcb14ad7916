using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Linux.Tests.Discovery.Fixtures;

namespace Dragline.Linux.Tests.Discovery;

/// <summary>The seed's host: ConnectX-5 VPI at 0000:86:00.0, InfiniBand, netdev ibs5f0, 127 total VFs, exclusive mode persisted.</summary>
public sealed class SeedHostDiscoveryTests(SeedHostScenario scenario) : IClassFixture<SeedHostScenario>
{
    private static readonly PciAddress Pf0 = PciAddress.Parse("0000:86:00.0");

    private HostInventory Inventory => scenario.Inventory;

    [Fact]
    public void ConnectX5IsFoundWithItsPciFacts()
    {
        PciDevice nic = Assert.IsType<PciDevice>(Inventory.FindPci(Pf0));
        Assert.Equal("15b3:1017", nic.VendorDevice);
        Assert.Equal(0x020700u, nic.ClassCode);
        Assert.True(nic.IsNetworkController);
        Assert.False(nic.IsVirtualFunction);
        Assert.Equal("mlx5_core", nic.Driver);
        Assert.Equal(1, nic.NumaNode);
        Assert.Equal("20-39,60-79", nic.LocalCpus);
        Assert.Equal(11, nic.IommuGroup);
        Assert.Equal(["ibs5f0"], nic.NetDevices);
        Assert.Equal(["mlx5_0"], nic.RdmaDevices);
    }

    [Fact]
    public void SriovCapabilityIs127TotalAndNoneCreated()
    {
        SriovCapability sriov = Assert.IsType<SriovCapability>(Inventory.FindPci(Pf0)!.Sriov);
        Assert.Equal(127, sriov.TotalVfs);
        Assert.Equal(0, sriov.NumVfs);
        Assert.Empty(sriov.VirtualFunctions);
        Assert.Equal(2, Inventory.SriovNics.Count());
    }

    [Fact]
    public void SeedCommandPathReadsTotalVfsThroughTheNetdevLink()
    {
        // The seed reads /sys/class/net/ibs5f0/device/sriov_totalvfs.
        Assert.Equal(127, scenario.Root.ReadInteger("sys/class/net/ibs5f0/device/sriov_totalvfs"));
    }

    [Fact]
    public void PciePathNamesHostBridgeAndRootPort()
    {
        PciePath path = Inventory.FindPci(Pf0)!.PciePath;
        Assert.Equal("pci0000:85", path.HostBridge);
        Assert.Equal([PciAddress.Parse("0000:85:00.0")], path.Bridges);
        Assert.Equal("sys/devices/pci0000:85/0000:85:00.0/0000:86:00.0", path.SysfsPath);
        Assert.True(Inventory.FindPci(PciAddress.Parse("0000:85:00.0"))!.IsBridge);
    }

    [Fact]
    public void IpoibNetdevHasTwentyByteAddressAndInfiniBandLinkType()
    {
        NetDevice ib = Assert.IsType<NetDevice>(Inventory.FindNet("ibs5f0"));
        Assert.Equal(NetLinkType.InfiniBand, ib.LinkType);
        Assert.Equal(32, ib.HardwareType);
        HardwareAddress address = Assert.IsType<HardwareAddress>(ib.HardwareAddress);
        Assert.True(address.IsInfiniBand);
        Assert.Equal(Guid64.Parse("0c42:a103:0065:2e5c"), address.InfiniBandPortGuid);
        Assert.Null(ib.MacAddress);
        Assert.Equal(2044, ib.Mtu);
        Assert.Equal("up", ib.OperState);
        Assert.Equal(100000, ib.SpeedMbps);
        Assert.Equal(Pf0, ib.PciAddress);
    }

    [Fact]
    public void DownPortHasNoSpeed()
    {
        NetDevice down = Inventory.FindNet("ibs5f1")!;
        Assert.Equal("down", down.OperState);
        Assert.Null(down.SpeedMbps);
    }

    [Fact]
    public void RdmaDeviceHasGuidPortAndCharDevices()
    {
        RdmaDevice mlx = Assert.IsType<RdmaDevice>(Inventory.FindRdma("mlx5_0"));
        Assert.Equal(Guid64.Parse("0c42:a103:0065:2e5c"), mlx.NodeGuid);
        Assert.Equal("1: CA", mlx.NodeType);
        Assert.Equal("16.35.2000", mlx.FirmwareVersion);
        Assert.Equal(Pf0, mlx.PciAddress);
        RdmaPort port = Assert.Single(mlx.Ports);
        Assert.Equal(1, port.Number);
        Assert.Equal(RdmaPortState.Active, port.State);
        Assert.Equal("5: LinkUp", port.PhysicalStateText);
        Assert.Equal(RdmaLinkLayer.InfiniBand, port.LinkLayer);
        Assert.Equal(2, port.Lid);
        RdmaGid gid = Assert.Single(port.Gids);
        Assert.Equal("fe80:0000:0000:0000:0c42:a103:0065:2e5c", gid.Gid);
        Assert.Equal("ibs5f0", port.NetDevice);
        Assert.Equal(
            ["issm0 /dev/infiniband/issm0 True", "umad0 /dev/infiniband/umad0 True", "uverbs0 /dev/infiniband/uverbs0 True"],
            mlx.CharDevices.Select(c => $"{c.Name} {c.DevicePath} {c.Exists}").Order(StringComparer.Ordinal));
        Assert.True(Inventory.HasRdmaCmDevice);
        Assert.True(Inventory.HasInfinibandDeviceFolder);
    }

    [Fact]
    public void SecondPortIsDownAndPolling()
    {
        RdmaPort port = Assert.Single(Inventory.FindRdma("mlx5_1")!.Ports);
        Assert.Equal(RdmaPortState.Down, port.State);
        Assert.Equal("2: Polling", port.PhysicalStateText);
        Assert.Equal("ibs5f1", port.NetDevice);
    }

    [Fact]
    public void KernelModulesAndLimitsAreRead()
    {
        KernelInfo kernel = Inventory.Kernel;
        Assert.Equal("5.15.0-91-generic", kernel.Release);
        Assert.Equal("/proc/sys/kernel/osrelease", kernel.ReleaseSource);
        Assert.Equal(new Version(5, 15), kernel.Version);
        Assert.True(kernel.HasModuleList);
        Assert.True(kernel.HasModule("ib_core"));
        Assert.True(kernel.HasModule("mlx5_ib"));
        Assert.False(kernel.HasModule("nvidia_peermem"));
        Assert.Null(kernel.Config);
        Assert.Null(kernel.Ofed);
        Assert.True(Assert.IsType<ResourceLimit>(Inventory.Memlock).IsUnlimited);
    }

    [Fact]
    public void ExclusiveModeIsLiveAndPersisted()
    {
        RdmaNetnsModeReading reading = Assert.IsType<RdmaNetnsModeReading>(new SysfsRdmaNetnsModeSource(scenario.Root).TryRead());
        Assert.Equal(RdmaNetnsMode.Exclusive, reading.Mode);
        Assert.Equal("N", reading.RawValue);
        Assert.Equal("/sys/module/ib_core/parameters/netns_mode", reading.Source);
        ModprobeOption persisted = Assert.Single(Inventory.PersistedNetnsModes);
        Assert.Equal("0", persisted.Value);
        Assert.Equal("/etc/modprobe.d/ib_core.conf:1", persisted.Location);
    }

    [Fact]
    public void NoGpusMeansNoAffinityRows()
    {
        Assert.Empty(Inventory.Gpus);
        Assert.Empty(Inventory.GpuNicAffinities());
    }
}
