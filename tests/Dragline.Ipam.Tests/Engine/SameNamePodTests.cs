using Dragline.Ipam.Store;
using static Dragline.Ipam.Tests.Engine.EngineHarness;

namespace Dragline.Ipam.Tests.Engine;

/// <summary>Failure mode 6: a pod deleted and re-created at once under the same namespace and name (a StatefulSet pod).</summary>
public sealed class SameNamePodTests
{
    [Fact]
    public async Task FailureMode06_RecreatedPodWithANewUid_DoesNotInheritTheOldAddress_AndTheOldPodsLateDelFreesOnlyItsOwn()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        AllocationResult old = await h.Engine.AllocateAsync(Add("web-0", container: "sandbox-old", uid: "uid-old", v4: ["v4"]));

        // The new pod's ADD arrives before the old pod's DEL: same name, new UID, new sandbox.
        AllocationResult recreated = await h.Engine.AllocateAsync(Add("web-0", container: "sandbox-new", uid: "uid-new", v4: ["v4"]));

        string oldIp = old.Addresses[0].Address.Address.ToString();
        string newIp = recreated.Addresses[0].Address.Address.ToString();
        Assert.NotEqual(oldIp, newIp);
        Assert.Equal("uid-old", (await h.RecordsAsync("v4"))[oldIp].Owner.PodUid);
        Assert.Equal("uid-new", (await h.RecordsAsync("v4"))[newIp].Owner.PodUid);

        // Stale releases naming the old pod never touch the new pod: old UID with the new sandbox, or the old sandbox without a UID.
        Assert.Equal(0, await h.Engine.ReleaseAsync(Del("web-0", container: "sandbox-new", uid: "uid-old")));
        Assert.Equal(0, await h.Engine.ReleaseAsync(Del("web-0", container: "sandbox-old", uid: "")));
        Assert.Equal(2, (await h.RecordsAsync("v4")).Count);

        // The old pod's late DEL frees its own address only; repeated, it frees nothing.
        Assert.Equal(1, await h.Engine.ReleaseAsync(Del("web-0", container: "sandbox-old", uid: "uid-old")));
        Assert.Equal(0, await h.Engine.ReleaseAsync(Del("web-0", container: "sandbox-old", uid: "uid-old")));
        AllocationRecord remaining = Assert.Single(await h.RecordsAsync("v4")).Value;
        Assert.Equal(newIp, remaining.Ip);
        Assert.Equal(new AllocationOwner("default", "web-0", "uid-new", "sandbox-new", "eth0", "node1"), remaining.Owner);

        // A retried ADD of the new pod still gets its own address.
        AllocationResult again = await h.Engine.AllocateAsync(Add("web-0", container: "sandbox-new", uid: "uid-new", v4: ["v4"]));
        Assert.Equal(newIp, again.Addresses[0].Address.Address.ToString());
    }

    [Fact]
    public async Task FailureMode06_OldPodsDelFirst_ThenTheRecreatedPod_AndALateRepeatOfTheOldDel_LeavesTheNewPodAlone()
    {
        var h = new EngineHarness().With(Pool("one", "10.0.0.0/24", ["10.0.0.7"]));
        await h.Engine.AllocateAsync(Add("web-0", container: "sandbox-old", uid: "uid-old", v4: ["one"]));
        Assert.Equal(1, await h.Engine.ReleaseAsync(Del("web-0", container: "sandbox-old", uid: "uid-old")));

        // The only address goes to the re-created pod (same name, new UID): the old pod's repeated DEL must not free it.
        AllocationResult recreated = await h.Engine.AllocateAsync(Add("web-0", container: "sandbox-new", uid: "uid-new", v4: ["one"]));
        Assert.Equal("10.0.0.7", recreated.Addresses[0].Address.Address.ToString());

        Assert.Equal(0, await h.Engine.ReleaseAsync(Del("web-0", container: "sandbox-old", uid: "uid-old")));
        Assert.Equal("uid-new", Assert.Single(await h.RecordsAsync("one")).Value.Owner.PodUid);
    }

    [Fact]
    public async Task FailureModes06_and_19_GcAfterARecreate_FreesTheOldPodsLeakButNeverTheNewPodsAddress()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.9"]));
        AllocationResult old = await h.Engine.AllocateAsync(Add("web-0", container: "sandbox-old", uid: "uid-old", v4: ["v4"]) with { Network = "net-a" });
        AllocationResult recreated = await h.Engine.AllocateAsync(Add("web-0", container: "sandbox-new", uid: "uid-new", v4: ["v4"]) with { Network = "net-a" });
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        IReadOnlyList<OwnedAllocation> released = await h.Engine.CollectGarbageAsync(new GarbageCollectionRequest
        {
            Network = "net-a",
            ValidAttachments = [new GarbageCollectionAttachment("sandbox-new", "eth0")],
        });

        Assert.Equal(old.Addresses[0].Address.Address.ToString(), Assert.Single(released).Record.Ip);
        AllocationRecord remaining = Assert.Single(await h.RecordsAsync("v4")).Value;
        Assert.Equal(recreated.Addresses[0].Address.Address.ToString(), remaining.Ip);
        Assert.Equal("uid-new", remaining.Owner.PodUid);
    }
}
