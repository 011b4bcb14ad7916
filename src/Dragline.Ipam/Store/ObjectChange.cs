namespace Dragline.Ipam.Store;

/// <summary>One change seen by <see cref="IObjectStore.WatchAsync"/>.</summary>
/// <param name="Type">Put or delete.</param>
/// <param name="Object">The object (for a delete: kind, namespace and name, with the last JSON when the store knows it).</param>
/// <param name="Revision">The store revision of the change; resume a watch after it.</param>
public sealed record ObjectChange(ObjectChangeType Type, StoredObject Object, long Revision);
