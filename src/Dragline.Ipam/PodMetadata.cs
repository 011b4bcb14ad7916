namespace Dragline.Ipam;

/// <summary>What the engine needs to know about a pod: labels (podAffinity) and annotations (pool selection, routes).</summary>
public sealed record PodMetadata(
    string Namespace,
    string Name,
    string Uid,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    bool IsTerminating = false);
