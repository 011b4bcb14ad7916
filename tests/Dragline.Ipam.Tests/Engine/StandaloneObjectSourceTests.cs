using Dragline.Core;
using Dragline.Ipam.Store;
using Dragline.Ipam.Tests.Store;
using Dragline.Testing.Ipam;

namespace Dragline.Ipam.Tests.Engine;

public sealed class StandaloneObjectSourceTests
{
    [Fact]
    public async Task Engine_OverOneSqliteFile_ReadsPoolsAndPodsAsJsonObjects()
    {
        using var dir = new TempDirectory();
        await using SqliteStore store = SqliteStore.Open(Path.Combine(dir.Path, "state.db"));
        await store.PutAsync("SpiderIPPool", "", "rail0", """
            {"apiVersion":"spiderpool.spidernet.io/v2beta1","kind":"SpiderIPPool","metadata":{"name":"rail0"},
             "spec":{"subnet":"172.30.0.0/24","ips":["172.30.0.10-172.30.0.20"],"gateway":"172.30.0.1"}}
            """);
        await store.PutAsync("SpiderReservedIP", "", "keep", """{"metadata":{"name":"keep"},"spec":{"ips":["172.30.0.10"]}}""");
        await store.PutAsync("Pod", "jobs", "worker-0", """
            {"metadata":{"name":"worker-0","namespace":"jobs","uid":"u-1","annotations":{"ipam.spidernet.io/ippool":"{\"ipv4\":[\"rail0\"]}"}}}
            """);
        var engine = new IpamEngine(store, new ObjectStoreIpamObjectSource(store), new IpamEngineOptions { NodeName = "n1" });

        AllocationResult result = await engine.AllocateAsync(new AllocationRequest { ContainerId = "c1", IfName = "eth0", PodNamespace = "jobs", PodName = "worker-0", PodUid = "u-1" });

        Assert.Equal("172.30.0.11/24", Assert.Single(result.Addresses).Address.ToString());
        Assert.Equal("172.30.0.1", result.Addresses[0].Gateway?.ToString());
    }

    [Fact]
    public async Task BrokenStoredPool_IsNamedInTheError()
    {
        var objects = new InMemoryObjectStore();
        await objects.PutAsync("SpiderIPPool", "", "bad", "{not json");
        var source = new ObjectStoreIpamObjectSource(objects);
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await source.ListPoolsAsync(default));
        Assert.Contains("SpiderIPPool/bad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoolWithABadSubnet_IsReportedWhenNamed()
    {
        var h = new EngineHarness().With(EngineHarness.Pool("broken", "10.0.0.0/33", ["10.0.0.1"]));
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(EngineHarness.Add("a", v4: ["broken"])));
        Assert.Contains("IPPool broken has spec.subnet '10.0.0.0/33'", error.Message, StringComparison.Ordinal);
    }
}
