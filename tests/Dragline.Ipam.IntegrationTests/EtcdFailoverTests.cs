using Dragline.Ipam.Etcd;
using Dragline.Ipam.Store;

namespace Dragline.Ipam.IntegrationTests;

/// <summary>Allocation across a member failure, on a cluster of its own (the shared one must stay whole).</summary>
public sealed class EtcdFailoverTests
{
    [Fact]
    public async Task FailureMode11_LeaderKilledMidBurst_AllocationsContinueNothingLostOrDuplicated()
    {
        if (!EtcdCluster.IsAvailable)
        {
            Assert.Skip($"{EtcdCluster.EtcdBinary} is not installed (Debian package etcd-server)");
        }

        CancellationToken ct = TestContext.Current.CancellationToken;
        await using EtcdCluster cluster = await EtcdCluster.StartAsync(3, ct);
        const int Writers = 4;
        const int PerWriter = 25;
        const int Addresses = Writers * PerWriter;
        var stores = Enumerable.Range(0, Writers)
            .Select(_ => new EtcdStore(new EtcdStoreOptions { Endpoints = cluster.Endpoints, RequestTimeout = TimeSpan.FromSeconds(2) }))
            .ToList();
        int committed = 0;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Task<List<string>>[] writers = [.. stores.Select((store, w) => Task.Run(async () =>
            {
                var mine = new List<string>();
                for (int n = 0; n < PerWriter; n++)
                {
                    var owner = new AllocationOwner("default", $"pod-{w}-{n}", $"uid-{w}-{n}", $"c-{w}-{n}", "eth0", $"node{w}");
                    while (true)
                    {
                        PoolAllocations pool = await store.ReadPoolAsync("burst", ct);
                        string ip = Enumerable.Range(0, Addresses).Select(i => $"10.9.{i / 256}.{i % 256}").First(a => !pool.Records.ContainsKey(a));
                        CommitResult result = await store.CommitAsync("burst", pool.Version, [AllocationChange.Reserve(new AllocationRecord(ip, owner, DateTimeOffset.UtcNow))], ct);
                        if (result.IsCommitted)
                        {
                            mine.Add(ip);
                            if (Interlocked.Increment(ref committed) == Addresses / 3)
                            {
                                halfway.TrySetResult();
                            }

                            break;
                        }
                    }
                }

                return mine;
            }, ct))];

            await halfway.Task.WaitAsync(ct);
            int leader = await cluster.FindLeaderAsync(ct);
            cluster.Kill(leader);
            List<string>[] results = await Task.WhenAll(writers);

            List<string> handedOut = [.. results.SelectMany(r => r)];
            Assert.Equal(Addresses, handedOut.Count);
            Assert.Equal(Addresses, handedOut.Distinct().Count());

            // Read back through a client that only knows the surviving members.
            await using var survivor = new EtcdStore(new EtcdStoreOptions { Endpoints = cluster.Endpoints.Where((_, i) => i != leader).ToList() });
            PoolAllocations final = await survivor.ReadPoolAsync("burst", ct);
            Assert.Equal(handedOut.Order(StringComparer.Ordinal), final.Records.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(Addresses, final.Records.Values.Select(r => r.Owner.PodUid).Distinct().Count());
        }
        finally
        {
            foreach (EtcdStore store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task UnreachableCluster_FailsWithinTheOperationTimeoutNamingTheEndpoints()
    {
        await using var store = new EtcdStore(new EtcdStoreOptions
        {
            Endpoints = [new Uri("http://127.0.0.1:1")],
            RequestTimeout = TimeSpan.FromMilliseconds(200),
            OperationTimeout = TimeSpan.FromSeconds(1),
        });

        Dragline.Core.DraglineException error = await Assert.ThrowsAsync<Dragline.Core.DraglineException>(async () => await store.ReadPoolAsync("p", TestContext.Current.CancellationToken));
        Assert.Equal(Dragline.Core.DraglineErrorReason.Unavailable, error.Reason);
        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }
}
