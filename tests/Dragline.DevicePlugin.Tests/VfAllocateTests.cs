using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.V1Beta1;
using Grpc.Core;

namespace Dragline.DevicePlugin.Tests;

public sealed class VfAllocateTests : IClassFixture<SharedSeedHost>
{
    private readonly FixtureHost _fixture;
    private readonly VfResourcePool _pool;

    public VfAllocateTests(SharedSeedHost seed)
    {
        _fixture = seed.Fixture;
        _pool = new VfResourcePool(SeedConfig.Parse().VfPools[0], new DeviceInfoFiles(_fixture.DeviceInfoDirectory));
        _pool.Update(seed.View, VfDeviceSelector.Select(seed.View, SeedConfig.Parse().VfPools)[0]);
    }

    private static AllocateRequest Request(params string[][] containers)
    {
        var request = new AllocateRequest();
        foreach (string[] ids in containers)
        {
            var container = new ContainerAllocateRequest();
            container.DevicesIds.AddRange(ids);
            request.ContainerRequests.Add(container);
        }

        return request;
    }

    [Fact]
    public void OneRdmaVfGetsItsOwnCharDevicesTheVariablesAndItsDeviceInfoFile()
    {
        ContainerAllocateResponse r = Assert.Single(_pool.Allocate(Request(["0000:86:00.2"])).ContainerResponses);

        Assert.Equal(
            ["/dev/infiniband/uverbs2|/dev/infiniband/uverbs2|rw", "/dev/infiniband/umad2|/dev/infiniband/umad2|rw",
             "/dev/infiniband/issm2|/dev/infiniband/issm2|rw", "/dev/infiniband/rdma_cm|/dev/infiniband/rdma_cm|rw"],
            r.Devices.Select(d => $"{d.HostPath}|{d.ContainerPath}|{d.Permissions}"));
        Assert.Empty(r.Mounts);
        Assert.Empty(r.Annotations);
        Assert.Empty(r.CdiDevices);
        Assert.Equal(2, r.Envs.Count);
        Assert.Equal("0000:86:00.2", r.Envs["PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV"]);
        Assert.Equal(
            """{"0000:86:00.2":{"generic":{"deviceID":"0000:86:00.2"},"rdma":{"issm":"/dev/infiniband/issm2","rdma_cm":"/dev/infiniband/rdma_cm","rdma_dev":"mlx5_2","umad":"/dev/infiniband/umad2","uverbs":"/dev/infiniband/uverbs2"}}}""",
            r.Envs["PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV_INFO"]);

        string file = Path.Combine(_fixture.DeviceInfoDirectory, "spidernet.io-mellanoxibsriov-0000:86:00.2-device.json");
        Assert.Equal(
            """{"type":"pci","version":"1.0.0","pci":{"pci-address":"0000:86:00.2","rdma-device":"mlx5_2","pf-pci-address":"0000:86:00.0"}}""",
            File.ReadAllText(file));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(file));
    }

    [Fact]
    public void TwoVfsInOneContainerShareRdmaCmOnceAndAreCommaJoined()
    {
        ContainerAllocateResponse r = Assert.Single(_pool.Allocate(Request(["0000:86:01.4", "0000:86:01.5"])).ContainerResponses);

        Assert.Equal("0000:86:01.4,0000:86:01.5", r.Envs["PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV"]);
        Assert.Equal(7, r.Devices.Count);
        Assert.Single(r.Devices, d => d.HostPath == "/dev/infiniband/rdma_cm");
        Assert.Contains(r.Devices, d => d.HostPath == "/dev/infiniband/uverbs12");
        Assert.Contains(r.Devices, d => d.HostPath == "/dev/infiniband/uverbs13");
        Assert.Contains("\"0000:86:01.5\":{\"generic\"", r.Envs["PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV_INFO"], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_fixture.DeviceInfoDirectory, "spidernet.io-mellanoxibsriov-0000:86:01.4-device.json")));
        Assert.True(File.Exists(Path.Combine(_fixture.DeviceInfoDirectory, "spidernet.io-mellanoxibsriov-0000:86:01.5-device.json")));
    }

    [Fact]
    public void EachContainerRequestGetsItsOwnResponseInOrder()
    {
        AllocateResponse r = _pool.Allocate(Request(["0000:86:00.3"], ["0000:86:00.4"]));
        Assert.Equal(["0000:86:00.3", "0000:86:00.4"], r.ContainerResponses.Select(c => c.Envs["PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV"]));
    }

    [Fact]
    public void AnIdOutsideThePoolIsRefused()
    {
        RpcException e = Assert.Throws<RpcException>(() => _pool.Allocate(Request(["0000:86:00.1"])));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("'0000:86:00.1' is not in spidernet.io/mellanoxibsriov", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void StoppingThePoolRemovesOnlyItsDeviceInfoFiles()
    {
        _pool.DeleteDeviceInfoFiles();
        _pool.Allocate(Request(["0000:86:00.2"]));
        string other = Path.Combine(_fixture.DeviceInfoDirectory, "spidernet.io-mellanoxibsriov-b-0000:86:00.9-device.json");
        File.WriteAllText(other, "{}");
        _pool.DeleteDeviceInfoFiles();
        Assert.Equal([other], Directory.GetFiles(_fixture.DeviceInfoDirectory));
        File.Delete(other);
    }

    [Theory]
    [InlineData("spidernet.io", "sriov_rdma", "PCIDEVICE_SPIDERNET_IO_SRIOV_RDMA", "PCIDEVICE_SPIDERNET_IO_SRIOV_RDMA")]
    [InlineData("intel.com", "sriov-net", "PCIDEVICE_INTEL_COM_SRIOV_NET", "PCIDEVICE_INTEL_COM_SRIOV-NET")]
    public void EnvironmentVariableNames(string prefix, string name, string ours, string upstream)
    {
        Assert.Equal(ours, VfResourcePool.EnvironmentVariableOf(prefix, name));
        Assert.Equal(upstream, VfResourcePool.UpstreamEnvironmentVariableOf(prefix, name));
    }

    [Fact]
    public void AdvertisesTwelveHealthyDevicesOnNumaNodeOne()
    {
        Assert.Equal(SeedConfig.VfAddresses, _pool.Devices.Select(d => d.Id));
        Assert.All(_pool.Devices, d => Assert.Equal((true, 1), (d.Healthy, d.NumaNode)));
    }
}
