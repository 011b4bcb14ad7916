namespace Dragline.Ipam.Store;

/// <summary>
/// The standalone-mode object store: raw JSON objects by kind/namespace/name with a resource version
/// and change notification, the small part of the Kubernetes API that pools, networks and pod
/// metadata need when there is no API server. Writes with an expected version are compare-and-swap.
/// </summary>
public interface IObjectStore : IAsyncDisposable
{
    ValueTask<StoredObject?> GetAsync(string kind, string @namespace, string name, CancellationToken cancellationToken = default);

    /// <summary>All objects of <paramref name="kind"/>, in one namespace or (null) in all, ordered by namespace and name.</summary>
    ValueTask<ObjectList> ListAsync(string kind, string? @namespace = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Create or update. <paramref name="expectedResourceVersion"/>: null writes unconditionally, 0 requires that the object
    /// does not exist, any other value requires that it is the current version. Returns the new resource version.
    /// </summary>
    /// <exception cref="Dragline.Core.DraglineException">Reason <c>Conflict</c> when the expectation does not hold.</exception>
    ValueTask<long> PutAsync(string kind, string @namespace, string name, string json, long? expectedResourceVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Delete; false when it did not exist. With an expected version, a mismatch raises <c>Conflict</c>.</summary>
    ValueTask<bool> DeleteAsync(string kind, string @namespace, string name, long? expectedResourceVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes to objects of <paramref name="kind"/> after store revision <paramref name="afterRevision"/> (from a list), in order,
    /// until cancelled. A revision the store no longer remembers raises <c>Conflict</c>: list again and watch from there.
    /// </summary>
    IAsyncEnumerable<ObjectChange> WatchAsync(string kind, long afterRevision, CancellationToken cancellationToken = default);
}
