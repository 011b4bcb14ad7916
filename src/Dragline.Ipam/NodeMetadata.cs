namespace Dragline.Ipam;

/// <summary>A node's labels (nodeAffinity).</summary>
public sealed record NodeMetadata(string Name, IReadOnlyDictionary<string, string> Labels);
