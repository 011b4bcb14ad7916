namespace Dragline.Ipam.Store;

/// <summary>
/// An optional capability of an <see cref="IIpamStore"/>: tell a caller that holds a copy of a pool's records read at
/// some version what changed since, so it need not read every record again. The engine keeps one such copy per pool
/// and calls this before every batch; a store without the capability is read whole every time.
/// </summary>
public interface IPoolChangeReader
{
    /// <summary>
    /// What changed in <paramref name="pool"/> since <paramref name="known"/> (a version this store issued for this pool):
    /// <see cref="PoolChanges.Unchanged"/> when nothing did, a full <see cref="PoolChanges.Snapshot"/>, or a
    /// <see cref="PoolChanges.Delta"/> (see there for how a caller applies it).
    /// </summary>
    ValueTask<PoolChanges> ReadPoolChangesAsync(string pool, StoreVersion known, CancellationToken cancellationToken = default);
}
