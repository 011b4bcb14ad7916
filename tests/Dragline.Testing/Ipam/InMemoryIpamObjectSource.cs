using Dragline.Api.Model.Spiderpool;
using Dragline.Ipam;

namespace Dragline.Testing.Ipam;

/// <summary>A fixed, mutable set of objects for tests, the bench and the kernel-lab guest: no store behind it.</summary>
public sealed class InMemoryIpamObjectSource : IIpamObjectSource
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SpiderIPPool> _pools = new(StringComparer.Ordinal);
    private readonly List<SpiderReservedIP> _reserved = [];
    private readonly Dictionary<(string, string), PodMetadata> _pods = [];
    private readonly Dictionary<string, NamespaceMetadata> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeMetadata> _nodes = new(StringComparer.Ordinal);

    public InMemoryIpamObjectSource AddPool(SpiderIPPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        lock (_gate)
        {
            _pools[pool.Metadata.Name ?? throw new ArgumentException("the pool has no metadata.name", nameof(pool))] = pool;
        }

        return this;
    }

    public InMemoryIpamObjectSource RemovePool(string name)
    {
        lock (_gate)
        {
            _pools.Remove(name);
        }

        return this;
    }

    public InMemoryIpamObjectSource AddReservedIP(SpiderReservedIP reserved)
    {
        lock (_gate)
        {
            _reserved.Add(reserved);
        }

        return this;
    }

    public InMemoryIpamObjectSource AddPod(PodMetadata pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_gate)
        {
            _pods[(pod.Namespace, pod.Name)] = pod;
        }

        return this;
    }

    public InMemoryIpamObjectSource AddNamespace(NamespaceMetadata ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        lock (_gate)
        {
            _namespaces[ns.Name] = ns;
        }

        return this;
    }

    public InMemoryIpamObjectSource AddNode(NodeMetadata node)
    {
        ArgumentNullException.ThrowIfNull(node);
        lock (_gate)
        {
            _nodes[node.Name] = node;
        }

        return this;
    }

    public ValueTask<IReadOnlyList<SpiderIPPool>> ListPoolsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<SpiderIPPool>>([.. _pools.Values]);
        }
    }

    public ValueTask<IReadOnlyList<SpiderReservedIP>> ListReservedIPsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<SpiderReservedIP>>([.. _reserved]);
        }
    }

    public ValueTask<PodMetadata?> GetPodAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_pods.GetValueOrDefault((@namespace, name)));
        }
    }

    public ValueTask<NamespaceMetadata?> GetNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_namespaces.GetValueOrDefault(name));
        }
    }

    public ValueTask<NodeMetadata?> GetNodeAsync(string name, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_nodes.GetValueOrDefault(name));
        }
    }
}
