using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Ipam.Store;
using Dragline.Testing.Ipam;

namespace Dragline.Ipam.Tests.Engine;

/// <summary>An engine over an in-memory store and object source, with builders for pools and requests.</summary>
public sealed class EngineHarness
{
    public EngineHarness(IIpamStore? store = null, IpamEngineOptions? options = null, InMemoryIpamObjectSource? objects = null)
    {
        Store = store ?? new InMemoryIpamStore();
        Objects = objects ?? new InMemoryIpamObjectSource();
        Options = (options ?? new IpamEngineOptions()) with { TimeProvider = Clock, NodeName = "node1" };
        Engine = new IpamEngine(Store, Objects, Options);
    }

    public ManualTimeProvider Clock { get; } = new();

    public IIpamStore Store { get; }

    public InMemoryIpamObjectSource Objects { get; }

    public IpamEngineOptions Options { get; }

    public IpamEngine Engine { get; }

    public static SpiderIPPool Pool(string name, string subnet, string[] ips, string? gateway = null, string[]? exclude = null, Action<IPPoolSpec>? configure = null)
    {
        var pool = new SpiderIPPool { Metadata = new ObjectMeta { Name = name } };
        pool.Spec.Subnet = subnet;
        pool.Spec.IPs = [.. ips];
        pool.Spec.Gateway = gateway;
        pool.Spec.ExcludeIPs = exclude is null ? null : [.. exclude];
        configure?.Invoke(pool.Spec);
        return pool;
    }

    public EngineHarness With(SpiderIPPool pool)
    {
        Objects.AddPool(pool);
        return this;
    }

    public EngineHarness WithPod(string name, Dictionary<string, string>? annotations = null, Dictionary<string, string>? labels = null, string ns = "default", bool terminating = false)
    {
        Objects.AddPod(new PodMetadata(ns, name, "uid-" + name, labels ?? [], annotations ?? [], terminating));
        return this;
    }

    public static AllocationRequest Add(string pod, string nic = "eth0", string? container = null, string[]? v4 = null, string[]? v6 = null, bool cleanGateway = false, string ns = "default", string? uid = null) => new()
    {
        ContainerId = container ?? "cid-" + pod,
        IfName = nic,
        PodNamespace = ns,
        PodName = pod,
        PodUid = uid ?? "uid-" + pod,
        DefaultIPv4Pools = v4 ?? [],
        DefaultIPv6Pools = v6 ?? [],
        CleanGateway = cleanGateway,
    };

    public static ReleaseRequest Del(string pod, string nic = "eth0", string? container = null, string? uid = null) => new()
    {
        ContainerId = container ?? "cid-" + pod,
        IfName = nic,
        PodNamespace = "default",
        PodName = pod,
        PodUid = uid ?? "uid-" + pod,
    };

    public async Task<string> AddOneAsync(string pod, string[] v4, string nic = "eth0")
    {
        AllocationResult result = await Engine.AllocateAsync(Add(pod, nic, v4: v4));
        return result.Addresses.Single(a => a.Nic == nic).Address.Address.ToString();
    }

    public async Task<IReadOnlyDictionary<string, AllocationRecord>> RecordsAsync(string pool) => (await Store.ReadPoolAsync(pool)).Records;
}
