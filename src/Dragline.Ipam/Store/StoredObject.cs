namespace Dragline.Ipam.Store;

/// <summary>
/// A raw JSON object in the standalone object store (pools, reserved IPs, networks, coordinator,
/// namespace and pod metadata), addressed like a Kubernetes object.
/// </summary>
/// <param name="Kind">The object kind, e.g. <c>SpiderIPPool</c>.</param>
/// <param name="Namespace">The namespace, empty for cluster-scoped kinds.</param>
/// <param name="Name">The object name.</param>
/// <param name="Json">The whole object as JSON text.</param>
/// <param name="ResourceVersion">The store revision of the last write; increases with every write in the store.</param>
public sealed record StoredObject(string Kind, string Namespace, string Name, string Json, long ResourceVersion);
