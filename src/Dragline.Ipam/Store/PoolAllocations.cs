namespace Dragline.Ipam.Store;

/// <summary>A pool's allocation records as read at <see cref="Version"/>.</summary>
/// <param name="Pool">The pool name.</param>
/// <param name="Version">The version to pass back to <see cref="IIpamStore.CommitAsync"/>.</param>
/// <param name="Records">The records keyed by canonical IP text.</param>
public sealed record PoolAllocations(string Pool, StoreVersion Version, IReadOnlyDictionary<string, AllocationRecord> Records);
