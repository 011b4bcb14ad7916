namespace Dragline.Ipam;

/// <summary>A namespace's labels (namespaceAffinity) and annotations (default pools).</summary>
public sealed record NamespaceMetadata(string Name, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);
