using Dragline.Api.Serialization;
using Dragline.Cni.Agent;
using Dragline.Ipam;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;

namespace Dragline.Agent.IntegrationTests;

/// <summary>The real agent stack in this process: a store, the object watch, the engine, and the host on a unix socket.</summary>
internal sealed class InProcessAgent : IAsyncDisposable
{
    private readonly IStateStore _store;
    private readonly bool _ownsStore;
    private readonly StoreObjectSource _objects;

    private InProcessAgent(IStateStore store, bool ownsStore, StoreObjectSource objects, AgentHost host)
    {
        _store = store;
        _ownsStore = ownsStore;
        _objects = objects;
        Host = host;
    }

    public AgentHost Host { get; }

    public IStateStore Store => _store;

    public string SocketPath => Host.Options.SocketPath;

    public AgentClient Client(TimeSpan? timeout = null) => new(new AgentClientOptions { SocketPath = SocketPath, RequestTimeout = timeout ?? TimeSpan.FromSeconds(60) });

    public static async Task<InProcessAgent> StartAsync(IStateStore store, string nodeName, string socketPath, bool ownsStore = true)
    {
        var objects = new StoreObjectSource(store, retryDelay: TimeSpan.FromMilliseconds(100));
        objects.Start();
        await objects.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        var engine = new IpamEngine(store, objects, new IpamEngineOptions { NodeName = nodeName });
        var service = new EngineIpamService(engine, store, objects, nodeName);
        AgentHost host = await AgentHost.StartAsync(new AgentOptions { NodeName = nodeName, SocketPath = socketPath }, service);
        return new InProcessAgent(store, ownsStore, objects, host);
    }

    /// <summary>Applies manifests to <paramref name="store"/> through the same path as <c>dragline apply</c>; fails the test on a problem.</summary>
    public static async Task ApplyAsync(IStateStore store, string yaml)
    {
        ApplyResult result = await new StoredObjects(store, store).ApplyAsync(ManifestReader.Default.ReadString(yaml, "test.yaml"));
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    /// <summary>Waits until the agent's object cache holds pool <paramref name="name"/>.</summary>
    public async Task WaitForPoolAsync(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!(await _objects.ListPoolsAsync(timeout.Token)).Any(p => p.Metadata.Name == name))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _objects.DisposeAsync();
        if (_ownsStore)
        {
            await _store.DisposeAsync();
        }
    }
}
