using Dragline.Api.Model.Spiderpool;

namespace Dragline.Ipam;

/// <summary>
/// Where the engine reads pools, reserved addresses and pod/namespace/node metadata: an informer
/// cache in Kubernetes mode, the object store in standalone mode, a fixed set in tests.
/// </summary>
public interface IIpamObjectSource
{
    ValueTask<IReadOnlyList<SpiderIPPool>> ListPoolsAsync(CancellationToken cancellationToken);

    ValueTask<IReadOnlyList<SpiderReservedIP>> ListReservedIPsAsync(CancellationToken cancellationToken);

    /// <summary>The pod, or null when the source does not know it (standalone runtimes): it then has no labels or annotations.</summary>
    ValueTask<PodMetadata?> GetPodAsync(string @namespace, string name, CancellationToken cancellationToken);

    ValueTask<NamespaceMetadata?> GetNamespaceAsync(string name, CancellationToken cancellationToken);

    ValueTask<NodeMetadata?> GetNodeAsync(string name, CancellationToken cancellationToken);
}
