namespace Dragline.Ipam;

/// <summary>Everything pool selection reads for one request.</summary>
internal sealed record PoolSelectionContext(
    AllocationRequest Request,
    string Node,
    PodMetadata? Pod,
    NamespaceMetadata? Namespace,
    NodeMetadata? NodeInfo,
    IReadOnlyDictionary<string, CompiledPool> Pools,
    IReadOnlyDictionary<string, string> BrokenPools,
    IpamEngineOptions Options);
