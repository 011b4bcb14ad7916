using Dragline.DevicePlugin.V1Beta1;
using Dragline.Testing.Sysfs;
using Grpc.Core;

namespace Dragline.DevicePlugin.IntegrationTests;

public sealed class DevicePluginHostTests
{
    private const string Seed =
        """{"resourceList":[{"resourceName":"mellanoxibsriov","selectors":{"vendors":["15b3"],"devices":["1018"],"pfNames":["ibs5f0"],"linkTypes":["infiniband"],"IsRdma":true},"SelectorObjs":null}]}""";

    private const string Resource = "spidernet.io/mellanoxibsriov";
    private const string Socket = "spidernet.io_mellanoxibsriov.sock";
    private const string PfOperState = "sys/devices/pci0000:85/0000:85:00.0/0000:86:00.0/net/ibs5f0/operstate";

    private static readonly string[] Vfs =
    [
        "0000:86:00.2", "0000:86:00.3", "0000:86:00.4", "0000:86:00.5", "0000:86:00.6", "0000:86:00.7",
        "0000:86:01.0", "0000:86:01.1", "0000:86:01.2", "0000:86:01.3", "0000:86:01.4", "0000:86:01.5",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegistersTheSeedResourceAndListsTwelveHealthyDevices()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);

        RegisterRequest registration = Assert.Single(s.Kubelet.Registrations);
        Assert.Equal("v1beta1", registration.Version);
        Assert.Equal(Socket, registration.Endpoint);
        Assert.Equal(Resource, registration.ResourceName);
        Assert.False(registration.Options.PreStartRequired);
        Assert.True(registration.Options.GetPreferredAllocationAvailable);

        ListAndWatchResponse list = await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count > 0, "the first list");
        Assert.Equal(Vfs, list.Devices.Select(d => d.ID));
        Assert.All(list.Devices, d => Assert.Equal(("Healthy", 1L), (d.Health, Assert.Single(d.Topology.Nodes).ID)));
        await TestKubelet.WaitUntilAsync(() => s.Kubelet.OptionsOf(Resource) is not null, "GetDevicePluginOptions");
        Assert.True(s.Kubelet.OptionsOf(Resource)!.GetPreferredAllocationAvailable);

        string socketPath = Path.Combine(s.KubeletDirectory, Socket);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socketPath));
    }

    [Fact]
    public async Task AllocateOverGrpcReturnsTheVfsDevicesVariablesAndWritesTheDeviceInfoFile()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        V1Beta1.DevicePlugin.DevicePluginClient client = s.Kubelet.Client(Socket);

        var request = new AllocateRequest { ContainerRequests = { new ContainerAllocateRequest { DevicesIds = { "0000:86:00.5" } } } };
        AllocateResponse response = await client.AllocateAsync(request, cancellationToken: Token);

        ContainerAllocateResponse c = Assert.Single(response.ContainerResponses);
        Assert.Equal(
            ["/dev/infiniband/uverbs5", "/dev/infiniband/umad5", "/dev/infiniband/issm5", "/dev/infiniband/rdma_cm"],
            c.Devices.Select(d => d.HostPath));
        Assert.All(c.Devices, d => Assert.Equal((d.HostPath, "rw"), (d.ContainerPath, d.Permissions)));
        Assert.Empty(c.Mounts);
        Assert.Empty(c.Annotations);
        Assert.Empty(c.CdiDevices);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV"] = "0000:86:00.5",
                ["PCIDEVICE_SPIDERNET_IO_MELLANOXIBSRIOV_INFO"] =
                    """{"0000:86:00.5":{"generic":{"deviceID":"0000:86:00.5"},"rdma":{"issm":"/dev/infiniband/issm5","rdma_cm":"/dev/infiniband/rdma_cm","rdma_dev":"mlx5_5","umad":"/dev/infiniband/umad5","uverbs":"/dev/infiniband/uverbs5"}}}""",
            },
            c.Envs);
        Assert.Equal(
            """{"type":"pci","version":"1.0.0","pci":{"pci-address":"0000:86:00.5","rdma-device":"mlx5_5","pf-pci-address":"0000:86:00.0"}}""",
            await File.ReadAllTextAsync(Path.Combine(s.DeviceInfoDirectory, "spidernet.io-mellanoxibsriov-0000:86:00.5-device.json"), Token));

        PreStartContainerResponse preStart = await client.PreStartContainerAsync(new PreStartContainerRequest { DevicesIds = { "0000:86:00.5" } }, cancellationToken: Token);
        Assert.NotNull(preStart);

        RpcException bad = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.AllocateAsync(new AllocateRequest { ContainerRequests = { new ContainerAllocateRequest { DevicesIds = { "0000:99:00.0" } } } }, cancellationToken: Token));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task GetPreferredAllocationOverGrpcPutsMustIncludeFirst()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        var request = new ContainerPreferredAllocationRequest { AllocationSize = 3, MustIncludeDeviceIDs = { "0000:86:01.0" } };
        request.AvailableDeviceIDs.AddRange(Vfs.Reverse());
        PreferredAllocationResponse response = await s.Kubelet.Client(Socket).GetPreferredAllocationAsync(
            new PreferredAllocationRequest { ContainerRequests = { request } }, cancellationToken: Token);
        // Every VF is on the same PF: after the must-include one, PCI order.
        Assert.Equal(["0000:86:01.0", "0000:86:00.2", "0000:86:00.3"], Assert.Single(response.ContainerResponses).DeviceIDs);
    }

    [Fact]
    public async Task AKubeletRestartIsNoticedAndThePluginRegistersAgain()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        await s.RestartKubeletAsync();
        Assert.Empty(s.Kubelet.Registrations);

        await s.Host.CheckKubeletAsync(Token);

        RegisterRequest again = Assert.Single(s.Kubelet.Registrations);
        Assert.Equal((Resource, Socket), (again.ResourceName, again.Endpoint));
        Assert.True(File.Exists(Path.Combine(s.KubeletDirectory, Socket)));
        ListAndWatchResponse list = await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count == 12, "the list after the restart");
        Assert.All(list.Devices, d => Assert.Equal("Healthy", d.Health));

        // Nothing changed since: a second check registers nothing new.
        await s.Host.CheckKubeletAsync(Token);
        Assert.Single(s.Kubelet.Registrations);
    }

    [Fact]
    public async Task AKubeletSocketRecreatedWithoutWipingIsAlsoARestart()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        await s.Kubelet.DisposeAsync();
        await using TestKubelet second = await TestKubelet.StartAsync(s.KubeletDirectory);
        await s.Host.CheckKubeletAsync(Token);
        Assert.Equal(Resource, Assert.Single(second.Registrations).ResourceName);
        await second.WaitForListAsync(Resource, l => l.Devices.Count == 12, "the list after the restart");
    }

    [Fact]
    public async Task WithTimersOnTheRestartIsNoticedWithoutBeingAsked()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed, timers: true);
        await s.RestartKubeletAsync();
        await TestKubelet.WaitUntilAsync(() => s.Kubelet.Registrations.Count > 0, "re-registration after the kubelet restart");
        await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count == 12, "the list after the restart");
    }

    [Fact]
    public async Task ListAndWatchSendsTheListAgainWhenHealthChanges()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count == 12, "the first list");

        s.WriteHost(PfOperState, "down");
        await s.Host.RescanAsync(Token);
        ListAndWatchResponse down = await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.All(d => d.Health == "Unhealthy"), "all unhealthy");
        Assert.Equal(Vfs, down.Devices.Select(d => d.ID));

        s.WriteHost(PfOperState, "up");
        await s.Host.RescanAsync(Token);
        await TestKubelet.WaitUntilAsync(() => s.Kubelet.Lists(Resource).Count == 3, "the third list");
        Assert.All(s.Kubelet.Lists(Resource)[2].Devices, d => Assert.Equal("Healthy", d.Health));

        // A rescan that finds nothing new sends nothing.
        await s.Host.RescanAsync(Token);
        Assert.Equal(3, s.Kubelet.Lists(Resource).Count);
    }

    [Fact]
    public async Task AConfigChangeRebuildsPoolsRegistersNewOnesAndRemovesGoneOnes()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count == 12, "the first list");

        s.WriteConfig("""
            {"resourceList":[
              {"resourceName":"mellanoxibsriov","selectors":{"pfNames":["ibs5f0#0-5"],"isRdma":true}},
              {"resourceName":"second","selectors":{"pfNames":["ibs5f0#6-11"],"isRdma":true}}]}
            """);
        await s.Host.RescanAsync(Token);

        ListAndWatchResponse first = await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count == 6, "the first pool cut to 6");
        Assert.Equal(Vfs[..6], first.Devices.Select(d => d.ID));
        Assert.Contains(s.Kubelet.Registrations, r => r.ResourceName == "spidernet.io/second" && r.Endpoint == "spidernet.io_second.sock");
        ListAndWatchResponse second = await s.Kubelet.WaitForListAsync("spidernet.io/second", l => l.Devices.Count == 6, "the new pool");
        Assert.Equal(Vfs[6..], second.Devices.Select(d => d.ID));

        s.WriteConfig(Seed);
        await s.Host.RescanAsync(Token);
        await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count == 12, "the first pool back to 12");
        Assert.False(File.Exists(Path.Combine(s.KubeletDirectory, "spidernet.io_second.sock")));
        Assert.Equal([Resource], s.Host.ServedPools.Select(p => p.FullName));
    }

    [Fact]
    public async Task AnInvalidConfigChangeKeepsTheOldConfig()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        s.WriteConfig("""{"resourceList":[{"resourceName":"bad name","selectors":{}}]}""");
        await s.Host.RescanAsync(Token);
        Assert.Equal([Resource], s.Host.ServedPools.Select(p => p.FullName));
        Assert.Equal(12, s.Host.ServedPools[0].Devices.Count);
    }

    [Fact]
    public async Task WithTimersOnAConfigFileChangeIsPickedUp()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed, timers: true);
        s.WriteConfig(Seed.Replace("\"pfNames\":[\"ibs5f0\"]", "\"pfNames\":[\"ibs5f0#0\"]", StringComparison.Ordinal));
        await s.Kubelet.WaitForListAsync(Resource, l => l.Devices.Count == 1, "the reloaded pool");
    }

    [Fact]
    public async Task SharedPoolsAreRefusedInExclusiveNetnsModeWithTheWayOut()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(
            SysfsFixtures.SeedHost12Vfs,
            """{"configList":[{"resourceName":"hca_shared","rdmaHcaMax":10,"selectors":{"vendors":["15b3"]}}]}""",
            startHost: false);

        DevicePluginException e = await Assert.ThrowsAsync<DevicePluginException>(() => s.Host.StartAsync(Token));
        Assert.Contains("spidernet.io/hca_shared", e.Message, StringComparison.Ordinal);
        Assert.Contains("exclusive", e.Message, StringComparison.Ordinal);
        Assert.Contains("rdma system set netns shared", e.Message, StringComparison.Ordinal);
        Assert.Contains("options ib_core netns_mode=1", e.Message, StringComparison.Ordinal);
        Assert.Equal(["kubelet.sock"], Directory.GetFiles(s.KubeletDirectory).Select(Path.GetFileName));
        Assert.Empty(s.Kubelet.Registrations);
    }

    [Fact]
    public async Task SharedPoolOnTheRoceHostIsServedAndMountsBothHcas()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.RoceHost,
            """{"configList":[{"resourceName":"hca_shared","rdmaHcaMax":2,"selectors":{"vendors":["15b3"],"deviceIDs":["101d"]}}]}""");
        const string Shared = "spidernet.io/hca_shared";
        ListAndWatchResponse list = await s.Kubelet.WaitForListAsync(Shared, l => l.Devices.Count > 0, "the shared list");
        Assert.Equal(["0000:3b:00.0-0", "0000:3b:00.0-1", "0000:3b:00.1-0", "0000:3b:00.1-1"], list.Devices.Select(d => d.ID));

        AllocateResponse r = await s.Kubelet.Client("spidernet.io_hca_shared.sock").AllocateAsync(
            new AllocateRequest { ContainerRequests = { new ContainerAllocateRequest { DevicesIds = { "0000:3b:00.0-1" } } } }, cancellationToken: Token);
        Assert.Equal(
            ["/dev/infiniband/uverbs0", "/dev/infiniband/umad0", "/dev/infiniband/issm0", "/dev/infiniband/uverbs1", "/dev/infiniband/umad1", "/dev/infiniband/issm1", "/dev/infiniband/rdma_cm"],
            Assert.Single(r.ContainerResponses).Devices.Select(d => d.HostPath));
    }

    [Fact]
    public async Task StopRemovesTheSocketsAndTheDeviceInfoFiles()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed);
        await s.Kubelet.Client(Socket).AllocateAsync(
            new AllocateRequest { ContainerRequests = { new ContainerAllocateRequest { DevicesIds = { "0000:86:00.2" } } } }, cancellationToken: Token);
        Assert.Single(Directory.GetFiles(s.DeviceInfoDirectory));

        await s.Host.StopAsync();

        Assert.Empty(Directory.GetFiles(s.DeviceInfoDirectory));
        Assert.Equal(["kubelet.sock"], Directory.GetFiles(s.KubeletDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AKubeletThatIsNotUpYetIsRegisteredWithOnceItAppears()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed, startHost: false);
        await s.Kubelet.DisposeAsync();
        await s.Host.StartAsync(Token);
        Assert.True(File.Exists(Path.Combine(s.KubeletDirectory, Socket)));

        await using TestKubelet late = await TestKubelet.StartAsync(s.KubeletDirectory);
        await s.Host.CheckKubeletAsync(Token);
        Assert.Equal(Resource, Assert.Single(late.Registrations).ResourceName);
    }
}
