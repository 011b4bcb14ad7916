using Dragline.Core;
using Dragline.Ipam.Store;
using static Dragline.Ipam.Tests.Engine.EngineHarness;

namespace Dragline.Ipam.Tests.Engine;

/// <summary>CNI GC in the engine: only this network's records on this node, never a valid attachment, never an unknown network.</summary>
public sealed class GarbageCollectionTests
{
    [Fact]
    public async Task FailureMode19_GcKeepsValidAttachments_OtherNetworksNodesAndUnknownNetworkRecords_AndFreesTheRest()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.20"]));
        await h.Engine.AllocateAsync(Add("live", v4: ["v4"]) with { Network = "net-a" });
        await h.Engine.AllocateAsync(Add("leak", v4: ["v4"]) with { Network = "net-a" });
        await h.Engine.AllocateAsync(Add("live", nic: "net1", v4: ["v4"]) with { Network = "net-b" });
        await h.Engine.AllocateAsync(Add("remote", v4: ["v4"]) with { Network = "net-a", Node = "node2" });
        await h.Engine.AllocateAsync(Add("legacy", v4: ["v4"]));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var request = new GarbageCollectionRequest { Network = "net-a", ValidAttachments = [new GarbageCollectionAttachment("cid-live", "eth0"), new GarbageCollectionAttachment("cid-leak", "eth0")] };

        // Nothing in flight and every attachment listed: nothing is released.
        Assert.Empty(await h.Engine.CollectGarbageAsync(request));
        Assert.Equal(5, (await h.RecordsAsync("v4")).Count);

        OwnedAllocation freed = Assert.Single(await h.Engine.CollectGarbageAsync(request with { ValidAttachments = [new GarbageCollectionAttachment("cid-live", "eth0")] }));

        Assert.Equal("cid-leak", freed.Record.Owner.ContainerId);
        Assert.Equal(
            ["cid-legacy/eth0/", "cid-live/eth0/net-a", "cid-live/net1/net-b", "cid-remote/eth0/net-a"],
            (await h.RecordsAsync("v4")).Values.Select(r => $"{r.Owner.ContainerId}/{r.Owner.Interface}/{r.Owner.Network}").Order().ToArray());
    }

    [Fact]
    public async Task FailureMode19_AnAllocationMadeAfterTheGcStarted_IsNotCollected()
    {
        var h = new EngineHarness().With(Pool("v4", "10.0.0.0/24", ["10.0.0.1-10.0.0.20"]));
        await h.Engine.AllocateAsync(Add("fresh", v4: ["v4"]) with { Network = "net-a" });

        // Same instant as the GC's start: the runtime's attachment list cannot know it yet.
        Assert.Empty(await h.Engine.CollectGarbageAsync(new GarbageCollectionRequest { Network = "net-a", ValidAttachments = [] }));
        Assert.Single(await h.RecordsAsync("v4"));
    }

    [Fact]
    public async Task FailureMode15_GcWithoutANetwork_IsAnInvalidValue()
    {
        var h = new EngineHarness();
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () =>
            await h.Engine.CollectGarbageAsync(new GarbageCollectionRequest { Network = "", ValidAttachments = [] }));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
    }
}
