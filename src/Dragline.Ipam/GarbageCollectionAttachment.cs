namespace Dragline.Ipam;

/// <summary>One attachment a CNI GC keeps: container (sandbox) ID and interface.</summary>
public sealed record GarbageCollectionAttachment(string ContainerId, string IfName);
