using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Core;
using Dragline.Ipam.Store;
using static Dragline.Ipam.Tests.Engine.EngineHarness;

namespace Dragline.Ipam.Tests.Engine;

public sealed class AllocationTests
{
    [Fact]
    public async Task Allocate_GivesTheLowestFreeAddressWithThePoolPrefixGatewayAndDefaultRoute()
    {
        var h = new EngineHarness().With(Pool("v4", "10.6.0.0/16", ["10.6.1.10-10.6.1.20"], gateway: "10.6.0.1",
            configure: s => s.Routes = [new Route { Dst = "172.16.0.0/12", Gw = "10.6.0.254" }]));

        AllocationResult result = await h.Engine.AllocateAsync(Add("a", v4: ["v4"]));

        AllocatedAddress address = Assert.Single(result.Addresses);
        Assert.Equal("10.6.1.10/16", address.Address.ToString());
        Assert.Equal("eth0", address.Nic);
        Assert.Equal("v4", address.Pool);
        Assert.Equal(4, address.Version);
        Assert.Equal("10.6.0.1", address.Gateway?.ToString());
        Assert.Equal([new IpamRoute("eth0", "0.0.0.0/0", "10.6.0.1"), new IpamRoute("eth0", "172.16.0.0/12", "10.6.0.254")], result.Routes);
        AllocationRecord record = Assert.Single(await h.RecordsAsync("v4")).Value;
        Assert.Equal(new AllocationOwner("default", "a", "uid-a", "cid-a", "eth0", "node1"), record.Owner);
    }

    [Fact]
    public async Task Allocate_NeverHandsOutExcludedReservedOrGatewayAddresses()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.8"], gateway: "10.0.0.4", exclude: ["10.0.0.1-10.0.0.2"]));
        h.Objects.AddReservedIP(new SpiderReservedIP { Metadata = new ObjectMeta { Name = "r" }, Spec = new ReservedIPSpec { IPs = ["10.0.0.3", "10.0.0.6"] } });

        var got = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            got.Add(await h.AddOneAsync("p" + i, ["v4"]));
        }

        Assert.Equal(["10.0.0.5", "10.0.0.7", "10.0.0.8"], got);
        DraglineException full = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("p3", v4: ["v4"])));
        Assert.Equal(DraglineErrorReason.Exhausted, full.Reason);
    }

    [Fact]
    public async Task FailureMode15_APoolWhoseSubnetHasHostBits_IsNotUsed_AndTheErrorNamesTheCanonicalForm()
    {
        var h = new EngineHarness().With(Pool("sloppy", "10.0.0.5/24", ["10.0.0.10-10.0.0.20"]));

        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("a", v4: ["sloppy"])));

        Assert.Contains("10.0.0.5/24", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.0.0.0/24", error.Message, StringComparison.Ordinal);
        Assert.Empty(await h.RecordsAsync("sloppy"));
    }

    [Fact]
    public async Task FailureMode03_RepeatedAddOfTheSameContainerAndInterface_ReturnsTheSameAddress()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        string first = await h.AddOneAsync("a", ["v4"]);
        string again = await h.AddOneAsync("a", ["v4"]);

        Assert.Equal(first, again);
        Assert.Single(await h.RecordsAsync("v4"));
    }

    [Fact]
    public async Task FailureMode03_AddFromANewSandboxOfTheSamePod_ReusesThePodsAddress()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        AllocationResult first = await h.Engine.AllocateAsync(Add("a", container: "sandbox-1", v4: ["v4"]));
        AllocationResult second = await h.Engine.AllocateAsync(Add("a", container: "sandbox-2", v4: ["v4"]));

        Assert.Equal(first.Addresses[0].Address, second.Addresses[0].Address);
        AllocationRecord record = Assert.Single(await h.RecordsAsync("v4")).Value;
        Assert.Equal("sandbox-2", record.Owner.ContainerId);
    }

    [Fact]
    public async Task FailureMode05_LateDelOfTheOldSandbox_DoesNotFreeTheNewSandboxsAddress()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        await h.Engine.AllocateAsync(Add("a", container: "sandbox-1", v4: ["v4"]));
        await h.Engine.AllocateAsync(Add("a", container: "sandbox-2", v4: ["v4"]));

        int freed = await h.Engine.ReleaseAsync(Del("a", container: "sandbox-1"));

        Assert.Equal(0, freed);
        Assert.Equal("sandbox-2", Assert.Single(await h.RecordsAsync("v4")).Value.Owner.ContainerId);
        Assert.Equal(1, await h.Engine.ReleaseAsync(Del("a", container: "sandbox-2")));
        Assert.Empty(await h.RecordsAsync("v4"));
    }

    [Fact]
    public async Task FailureMode05_StaleDelAfterTheAddressWentToAnotherPod_LeavesTheNewOwnerAlone()
    {
        var h = new EngineHarness().With(Pool("one", "10.0.0.0/24", ["10.0.0.7"]));
        await h.AddOneAsync("old", ["one"]);
        Assert.Equal(1, await h.Engine.ReleaseAsync(Del("old")));
        Assert.Equal("10.0.0.7", await h.AddOneAsync("new", ["one"]));

        Assert.Equal(0, await h.Engine.ReleaseAsync(Del("old")));

        Assert.Equal("uid-new", Assert.Single(await h.RecordsAsync("one")).Value.Owner.PodUid);
    }

    [Fact]
    public async Task FailureMode04_DelOfAnUnknownContainer_AndARepeatedDel_Succeed()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        Assert.Equal(0, await h.Engine.ReleaseAsync(Del("ghost")));
        await h.AddOneAsync("a", ["v4"]);
        Assert.Equal(1, await h.Engine.ReleaseAsync(Del("a")));
        Assert.Equal(0, await h.Engine.ReleaseAsync(Del("a")));
        Assert.Equal(0, await h.Engine.ReleaseAsync(new ReleaseRequest { ContainerId = "no-pod-at-all" }));
    }

    [Fact]
    public async Task Del_OfOneInterface_KeepsThePodsOtherInterfaces()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        await h.AddOneAsync("a", ["v4"], nic: "eth0");
        await h.AddOneAsync("a", ["v4"], nic: "net1");

        Assert.Equal(1, await h.Engine.ReleaseAsync(Del("a", nic: "net1")));
        Assert.Equal("eth0", Assert.Single(await h.RecordsAsync("v4")).Value.Owner.Interface);
        Assert.Equal(1, await h.Engine.ReleaseAsync(Del("a", nic: "")));
        Assert.Empty(await h.RecordsAsync("v4"));
    }

    [Fact]
    public async Task WithoutAPodUid_TheContainerIsTheIdentity()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        AllocationResult first = await h.Engine.AllocateAsync(new AllocationRequest { ContainerId = "ctr-1", IfName = "eth0", DefaultIPv4Pools = ["v4"] });
        AllocationResult second = await h.Engine.AllocateAsync(new AllocationRequest { ContainerId = "ctr-2", IfName = "eth0", DefaultIPv4Pools = ["v4"] });
        AllocationResult repeat = await h.Engine.AllocateAsync(new AllocationRequest { ContainerId = "ctr-1", IfName = "eth0", DefaultIPv4Pools = ["v4"] });

        Assert.NotEqual(first.Addresses[0].Address, second.Addresses[0].Address);
        Assert.Equal(first.Addresses[0].Address, repeat.Addresses[0].Address);
        Assert.Equal(1, await h.Engine.ReleaseAsync(new ReleaseRequest { ContainerId = "ctr-1", IfName = "eth0" }));
        Assert.Single((await h.Engine.GetAsync("", "ctr-2")).Addresses);
    }

    [Fact]
    public async Task FailureMode12_PoolExhausted_GivesASpecificError_AndRecoversWhenAnAddressIsFreed()
    {
        var h = new EngineHarness().With(Pool("small", "10.0.0.0/24", ["10.0.0.1-10.0.0.2"]));
        await h.AddOneAsync("a", ["small"]);
        await h.AddOneAsync("b", ["small"]);

        DraglineException full = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("c", v4: ["small"])));
        Assert.Equal(DraglineErrorReason.Exhausted, full.Reason);
        Assert.Equal("failed to allocate any IPv4 IP address to NIC eth0 from IPPools [small]: IPPool small: all IP addresses used out", full.Message);

        await h.Engine.ReleaseAsync(Del("a"));
        Assert.Equal("10.0.0.1", await h.AddOneAsync("c", ["small"]));
    }

    [Fact]
    public async Task Exhausted_FirstCandidate_FallsThroughToTheNext()
    {
        var h = new EngineHarness()
            .With(Pool("first", "10.0.0.0/24", ["10.0.0.1"]))
            .With(Pool("second", "10.0.1.0/24", ["10.0.1.1"]));
        Assert.Equal("10.0.0.1", await h.AddOneAsync("a", ["first", "second"]));
        Assert.Equal("10.0.1.1", await h.AddOneAsync("b", ["first", "second"]));
    }

    [Fact]
    public async Task FailureMode18_ARecentlyReleasedAddressIsNotReusedWhileOthersAreFree_ButIsAfterTheQuarantine()
    {
        var h = new EngineHarness(options: new IpamEngineOptions { ReleasedAddressQuarantine = TimeSpan.FromSeconds(30) })
            .With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        Assert.Equal("10.0.0.1", await h.AddOneAsync("a", ["v4"]));
        await h.Engine.ReleaseAsync(Del("a"));

        Assert.Equal("10.0.0.2", await h.AddOneAsync("b", ["v4"]));

        h.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("10.0.0.1", await h.AddOneAsync("c", ["v4"]));
    }

    [Fact]
    public async Task FailureMode17_DualStackHalfSuccess_ReleasesTheFamilyItTook()
    {
        var h = new EngineHarness()
            .With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]))
            .With(Pool("v6", "fd00::/64", ["fd00::1"]));
        await h.Engine.AllocateAsync(Add("holder", v6: ["v6"]));

        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("a", v4: ["v4"], v6: ["v6"])));

        Assert.Equal(DraglineErrorReason.Exhausted, error.Reason);
        Assert.Contains("IPv6", error.Message, StringComparison.Ordinal);
        Assert.Empty(await h.RecordsAsync("v4"));
        Assert.Empty((await h.Engine.GetAsync("uid-a", "")).Addresses);
    }

    [Fact]
    public async Task DualStack_GivesOneAddressOfEachFamilyPerNic()
    {
        var h = new EngineHarness()
            .With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"], gateway: "10.0.0.254"))
            .With(Pool("v6", "fd00::/64", ["fd00::10-fd00::20"], gateway: "fd00::1"));

        AllocationResult result = await h.Engine.AllocateAsync(Add("a", v4: ["v4"], v6: ["v6"]));

        Assert.Equal(["10.0.0.1/24", "fd00::10/64"], result.Addresses.Select(a => a.Address.ToString()));
        Assert.Contains(new IpamRoute("eth0", "::/0", "fd00::1"), result.Routes);
    }

    [Theory]
    [InlineData("10.64.0.0/10", "10.64.0.0-10.127.255.255", "10.64.0.0-10.127.255.253", "10.127.255.254")]
    [InlineData("fd00::/64", "fd00::-fd00::ffff:ffff:ffff:ffff", "fd00::-fd00::ffff:ffff:ffff:fffd", "fd00::ffff:ffff:ffff:fffe")]
    public async Task FailureMode14_HugeRanges_AndAnExclusionCoveringAlmostAll_PickTheRightAddress(string subnet, string ips, string exclude, string expected)
    {
        var h = new EngineHarness().With(Pool("big", subnet, [ips], exclude: [exclude]));
        AllocationRequest request = expected.Contains(':', StringComparison.Ordinal) ? Add("a", v6: ["big"]) : Add("a", v4: ["big"]);

        AllocationResult result = await h.Engine.AllocateAsync(request);

        Assert.Equal(expected, result.Addresses[0].Address.Address.ToString());
    }

    [Fact]
    public async Task DeadPod_GetsNoAddress()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1"])).WithPod("a", terminating: true);
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("a", v4: ["v4"])));
        Assert.Equal("dead Pod default/a, we cannot allocate IP addresses to it", error.Message);
    }

    [Fact]
    public async Task MissingContainerId_IsRejectedByName()
    {
        var h = new EngineHarness();
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("a") with { ContainerId = "" }));
        Assert.Contains("containerID", error.Message, StringComparison.Ordinal);
    }
}
