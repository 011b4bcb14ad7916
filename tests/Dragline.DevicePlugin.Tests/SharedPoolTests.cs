using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.V1Beta1;
using Dragline.Testing.Sysfs;
using Grpc.Core;

namespace Dragline.DevicePlugin.Tests;

public sealed class SharedPoolTests : IDisposable
{
    private readonly FixtureHost _fixture = new(SysfsFixtures.RoceHost);

    public void Dispose() => _fixture.Dispose();

    private RdmaSharedResourcePool Pool(string selectors, int max = 3)
    {
        DevicePluginConfig config = DevicePluginConfigParser.Parse(
            $$"""{"configList":[{"resourceName":"hca_shared","rdmaHcaMax":{{max}},"selectors":{{selectors}}}]}""", "t");
        var pool = new RdmaSharedResourcePool(config.SharedPools[0]);
        pool.Update(_fixture.Discover());
        return pool;
    }

    [Fact]
    public void EachSelectedHcaContributesRdmaHcaMaxDevices()
    {
        RdmaSharedResourcePool pool = Pool("""{"vendors":["15b3"],"linkTypes":["ether"]}""");
        Assert.Equal(
            ["0000:3b:00.0-0", "0000:3b:00.0-1", "0000:3b:00.0-2", "0000:3b:00.1-0", "0000:3b:00.1-1", "0000:3b:00.1-2"],
            pool.Devices.Select(d => d.Id));
        Assert.All(pool.Devices, d => Assert.True(d.Healthy));
    }

    [Fact]
    public void AllocateMountsEveryDeviceOfEverySelectedHcaWhateverIdsItGets()
    {
        RdmaSharedResourcePool pool = Pool("""{"vendors":["15b3"]}""");
        var request = new AllocateRequest();
        var container = new ContainerAllocateRequest();
        container.DevicesIds.Add("0000:3b:00.1-2");
        request.ContainerRequests.Add(container);

        ContainerAllocateResponse r = Assert.Single(pool.Allocate(request).ContainerResponses);
        Assert.Equal(
            ["/dev/infiniband/uverbs0", "/dev/infiniband/umad0", "/dev/infiniband/issm0",
             "/dev/infiniband/uverbs1", "/dev/infiniband/umad1", "/dev/infiniband/issm1", "/dev/infiniband/rdma_cm"],
            r.Devices.Select(d => d.HostPath));
        Assert.All(r.Devices, d => Assert.Equal((d.HostPath, "rwm"), (d.ContainerPath, d.Permissions)));
        Assert.Empty(r.Envs);
    }

    [Fact]
    public void IfNameSelectsOneHcaAndUnknownIdsAreRefused()
    {
        RdmaSharedResourcePool pool = Pool("""{"ifNames":["ens1f1np1"]}""", max: 2);
        Assert.Equal(["0000:3b:00.1-0", "0000:3b:00.1-1"], pool.Devices.Select(d => d.Id));
        var request = new AllocateRequest();
        request.ContainerRequests.Add(new ContainerAllocateRequest { DevicesIds = { "0000:3b:00.0-0" } });
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => pool.Allocate(request)).StatusCode);
    }

    [Fact]
    public void AnHcaWithoutRdmaCmIsRejectedWithUpstreamsMessage()
    {
        _fixture.Remove("dev/infiniband/rdma_cm");
        RdmaSharedResourcePool pool = Pool("""{"vendors":["15b3"]}""");
        Assert.Empty(pool.Devices);
        Assert.Contains("missing RDMA device spec for device 0000:3b:00.0, RDMA device \"rdma_cm\" not found", pool.Rejected);
    }

    [Fact]
    public void HcaHealthFollowsItsLinkAndItsCharDevices()
    {
        RdmaSharedResourcePool pool = Pool("""{"vendors":["15b3"]}""", max: 1);
        string operstate = _fixture.Root.ResolvePath("sys/class/net/ens1f0np0") + "/operstate";
        _fixture.Write(operstate, "down");
        Assert.True(pool.Update(_fixture.Discover()));
        Assert.Equal([false, true], pool.Devices.Select(d => d.Healthy));
        Assert.Equal("link of ens1f0np0 is down", pool.Devices[0].UnhealthyReason);

        _fixture.Write(operstate, "up");
        _fixture.Remove("dev/infiniband/umad1");
        Assert.True(pool.Update(_fixture.Discover()));
        Assert.Equal([true, false], pool.Devices.Select(d => d.Healthy));
    }
}
