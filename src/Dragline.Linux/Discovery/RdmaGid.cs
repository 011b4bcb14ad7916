namespace Dragline.Linux.Discovery;

/// <summary>One GID table entry of a port: index, the GID as sysfs prints it, and its RoCE type when known.</summary>
public sealed record RdmaGid(int Index, string Gid, string? Type);
