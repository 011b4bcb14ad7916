using Dragline.Core.Hardware;
using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.DevicePlugin.V1Beta1;
using Dragline.Linux.Discovery;
using Dragline.Testing.Sysfs;

namespace Dragline.DevicePlugin.Tests;

public sealed class PreferredAllocationTests
{
    private static PciDevice Nic(string address, int numa) => new()
    {
        Address = PciAddress.Parse(address),
        VendorId = 0x15b3,
        DeviceId = 0x1017,
        ClassCode = 0x020000,
        NumaNode = numa,
        PciePath = new PciePath { HostBridge = "pci0000:" + address[5..7], SysfsPath = "sys/devices/x/" + address },
    };

    // node 0: NIC A with 3 VFs, NIC B with 1 VF; node 1: NIC C with 2 VFs.
    private static readonly PciDevice A = Nic("0000:3b:00.0", 0);
    private static readonly PciDevice B = Nic("0000:5e:00.0", 0);
    private static readonly PciDevice C = Nic("0000:af:00.0", 1);

    private static readonly AllocationCandidate[] Available =
    [
        new("a0", A, 0, 0), new("a1", A, 0, 1), new("a2", A, 0, 2), new("b0", B, 0, 3), new("c0", C, 1, 4), new("c1", C, 1, 5),
    ];

    [Theory]
    [InlineData(1, "c0")]          // best fit: the smallest NUMA node that holds the request alone (node 1, 2 free)
    [InlineData(2, "c0,c1")]       // node 1 holds 2 exactly
    [InlineData(3, "a0,a1,a2")]    // node 0, NIC A holds all 3
    [InlineData(4, "a0,a1,a2,b0")] // node 0 exactly, fuller NIC first
    [InlineData(5, "a0,a1,a2,b0,c0")] // no node holds 5: the fullest node first
    public void WithoutAnchorsDevicesArePackedByNumaNodeAndNic(int size, string expected) =>
        Assert.Equal(expected, string.Join(',', PreferredAllocator.Choose(Available, [], size, [])));

    [Fact]
    public void MustIncludeComesFirstAndTheRestIsNearIt()
    {
        Assert.Equal(["c1", "c0", "a0"], PreferredAllocator.Choose(Available, ["c1"], 3, []));
        Assert.Equal(["a2", "a0", "a1", "b0"], PreferredAllocator.Choose(Available, ["a2"], 4, []));
        Assert.Equal(["a2", "b0"], PreferredAllocator.Choose(Available, ["a2", "b0"], 2, []));
    }

    [Fact]
    public void OnTheAiNodeTheDevicesNearTheGpuOfTheMustIncludeHcaComeFirst()
    {
        using var fixture = new FixtureHost(SysfsFixtures.AiNode);
        DevicePluginConfig config = DevicePluginConfigParser.Parse(
            """{"configList":[{"resourceName":"hca","rdmaHcaMax":2,"selectors":{"vendors":["15b3"]}}]}""", "t");
        var pool = new RdmaSharedResourcePool(config.SharedPools[0]);
        pool.Update(fixture.Discover());
        Assert.Equal(16, pool.Devices.Count);

        var request = new ContainerPreferredAllocationRequest { AllocationSize = 6 };
        request.AvailableDeviceIDs.AddRange(pool.Devices.Select(d => d.Id).Reverse());
        request.MustIncludeDeviceIDs.Add("0000:19:00.0-1");
        var wrapped = new PreferredAllocationRequest { ContainerRequests = { request } };

        ContainerPreferredAllocationResponse answer = Assert.Single(pool.GetPreferredAllocation(wrapped).ContainerResponses);
        // 0000:19:00.0 shares its PCIe switch with GPU 0000:18:00.0; 0000:1d:00.0 is on the same host bridge
        // (pci0000:15); 0000:3b:00.0 is on another host bridge of NUMA node 0; the node 1 HCAs come last.
        Assert.Equal(["0000:19:00.0-1", "0000:19:00.0-0", "0000:1d:00.0-0", "0000:1d:00.0-1", "0000:3b:00.0-0", "0000:3b:00.0-1"], answer.DeviceIDs);
    }

    [Fact]
    public void AtEqualDistanceTheAnchorsOwnNicComesFirst()
    {
        // Two ports of one card behind the same bridge: the same switch as each other.
        PciDevice port0 = Nic("0000:19:00.0", 0) with { PciePath = new PciePath { HostBridge = "pci0000:15", Bridges = [PciAddress.Parse("0000:15:01.0")], SysfsPath = "a" } };
        PciDevice port1 = Nic("0000:19:00.1", 0) with { PciePath = new PciePath { HostBridge = "pci0000:15", Bridges = [PciAddress.Parse("0000:15:01.0")], SysfsPath = "b" } };
        AllocationCandidate[] available = [new("p0", port0, 0, 0), new("q0", port1, 0, 1), new("q1", port1, 0, 2)];
        Assert.Equal(["q0", "q1", "p0"], PreferredAllocator.Choose(available, ["q0"], 3, []));
    }

    [Fact]
    public void AtLeastTheMustIncludeDevicesAreReturned() =>
        Assert.Equal(["x", "y"], PreferredAllocator.Choose(Available, ["x", "y"], 1, []));
}
