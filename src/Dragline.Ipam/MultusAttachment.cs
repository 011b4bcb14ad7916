namespace Dragline.Ipam;

/// <summary>One Multus network of a pod and the interface it becomes (empty: Multus's default name).</summary>
internal sealed record MultusAttachment(string Namespace, string Name, string Interface);
