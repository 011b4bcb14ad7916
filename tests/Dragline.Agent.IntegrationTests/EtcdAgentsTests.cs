using Dragline.Cni.Agent;
using Dragline.Ipam.Store;
using Dragline.Ipam.Stores;

namespace Dragline.Agent.IntegrationTests;

/// <summary>Four agents (four nodes) on one real 3-member etcd cluster, allocating from one pool through their sockets.</summary>
public sealed class EtcdAgentsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FailureModes1_and_2_four_agents_on_one_etcd_allocate_1000_addresses_without_a_duplicate_then_release_all()
    {
        if (!EtcdCluster.IsAvailable)
        {
            Assert.Skip($"{EtcdCluster.EtcdBinary} is not installed (Debian package etcd-server)");
        }

        await using EtcdCluster cluster = await EtcdCluster.StartAsync(3, TestContext.Current.CancellationToken);
        string prefix = "/agent-test-" + Guid.NewGuid().ToString("N")[..8];
        string uri = "etcd://" + string.Join(",", cluster.Endpoints.Select(e => e.Authority)) + prefix;
        await using (IStateStore setup = StateStoreFactory.Open(uri))
        {
            await InProcessAgent.ApplyAsync(setup, PoolManifests.Pool("shared", "10.64.0.0/20", "10.64.0.1-10.64.15.254"));
        }

        var agents = new List<InProcessAgent>();
        try
        {
            for (int n = 0; n < 4; n++)
            {
                InProcessAgent agent = await InProcessAgent.StartAsync(StateStoreFactory.Open(uri), $"node-{n}", _dir.File($"agent{n}.sock"));
                agents.Add(agent);
                await agent.WaitForPoolAsync("shared");
            }

            AgentClient[] clients = [.. agents.Select(a => a.Client(TimeSpan.FromMinutes(2)))];
            var successes = new System.Collections.Concurrent.ConcurrentBag<(string Container, string Address)>();
            var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
            using var gate = new SemaphoreSlim(64);
            await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    AgentAllocation allocation = await clients[i % 4].AllocateAsync(new AgentAllocateRequest
                    {
                        ContainerId = $"ctr-{i:D4}",
                        IfName = "eth0",
                        Network = "shared-net",
                        PodNamespace = "load",
                        PodName = $"pod-{i}",
                        PodUid = $"uid-{i:D4}",
                        DefaultIpv4Pools = ["shared"],
                    });
                    successes.Add(($"ctr-{i:D4}", Assert.Single(allocation.Ips).Address));
                }
                catch (AgentException ex)
                {
                    failures.Add(ex.Message);
                }
                finally
                {
                    gate.Release();
                }
            }));

            await using IStateStore check = StateStoreFactory.Open(uri);
            PoolAllocations records = await check.ReadPoolAsync("shared", TestContext.Current.CancellationToken);
            Assert.Empty(failures);
            Assert.Equal(1000, successes.Count);
            Assert.Equal(1000, successes.Select(s => s.Address).Distinct().Count()); // no address twice
            Assert.Equal(records.Records.Count, successes.Count); // no lost update: records equal successes
            Assert.Equal(1000, records.Records.Values.Select(r => r.Owner.IdentityKey).Distinct().Count()); // no owner twice
            Assert.Equal(4, records.Records.Values.Select(r => r.Owner.Node).Distinct().Count());

            await Task.WhenAll(successes.Select(async (s, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    AgentReleaseResponse released = await clients[i % 4].ReleaseAsync(new AgentReleaseRequest
                    {
                        ContainerId = s.Container,
                        IfName = "eth0",
                        Network = "shared-net",
                        PodNamespace = "load",
                        PodUid = "uid-" + s.Container["ctr-".Length..],
                    });
                    Assert.Single(released.Released);
                }
                finally
                {
                    gate.Release();
                }
            }));

            Assert.Empty((await check.ReadPoolAsync("shared", TestContext.Current.CancellationToken)).Records);
            foreach (AgentClient client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            foreach (InProcessAgent agent in agents)
            {
                await agent.DisposeAsync();
            }
        }
    }
}
