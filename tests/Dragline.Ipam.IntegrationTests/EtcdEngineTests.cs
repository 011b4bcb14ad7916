using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Ipam.Etcd;
using Dragline.Ipam.Store;
using Dragline.Testing.Ipam;

namespace Dragline.Ipam.IntegrationTests;

/// <summary>Agents on different nodes, each with its own engine and etcd client, allocating from one pool.</summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdEngineTests(EtcdClusterFixture fixture)
{
    [Fact]
    public async Task FailureMode01_ThreeAgentsBurstOnOnePool_EveryPodOneUniqueAddress()
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        CancellationToken ct = TestContext.Current.CancellationToken;
        string prefix = "/engine-" + Guid.NewGuid().ToString("N");
        var pool = new SpiderIPPool { Metadata = new ObjectMeta { Name = "shared" } };
        pool.Spec.Subnet = "10.50.0.0/24";
        pool.Spec.IPs = ["10.50.0.1-10.50.0.90"];
        var objects = new InMemoryIpamObjectSource().AddPool(pool);
        var stores = Enumerable.Range(0, 3).Select(_ => new EtcdStore(new EtcdStoreOptions { Endpoints = fixture.Cluster!.Endpoints, KeyPrefix = prefix })).ToList();
        try
        {
            var engines = stores.Select((s, i) => new IpamEngine(s, objects, new IpamEngineOptions { NodeName = "node" + i })).ToList();
            Task<AllocationResult>[] adds = [.. Enumerable.Range(0, 90).Select(i => Task.Run(async () => await engines[i % 3].AllocateAsync(new AllocationRequest
            {
                ContainerId = "c" + i,
                IfName = "eth0",
                PodNamespace = "default",
                PodName = "p" + i,
                PodUid = "u" + i,
                DefaultIPv4Pools = ["shared"],
            }, ct), ct))];
            AllocationResult[] results = await Task.WhenAll(adds);

            PoolAllocations final = await stores[0].ReadPoolAsync("shared", ct);
            Assert.Equal(90, final.Records.Count);
            Assert.Equal(90, results.Select(r => r.Addresses[0].Address).Distinct().Count());
            Assert.Equal(90, final.Records.Values.Select(r => r.Owner.PodUid).Distinct().Count());

            int freed = 0;
            for (int i = 0; i < 90; i++)
            {
                freed += await engines[(i + 1) % 3].ReleaseAsync(new ReleaseRequest { ContainerId = "c" + i, IfName = "eth0", PodUid = "u" + i }, ct);
            }

            Assert.Equal(90, freed);
            Assert.Empty((await stores[0].ReadPoolAsync("shared", ct)).Records);
        }
        finally
        {
            foreach (EtcdStore store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
