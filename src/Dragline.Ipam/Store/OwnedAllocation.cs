namespace Dragline.Ipam.Store;

/// <summary>An allocation found by owner: the pool it is in and its record.</summary>
public sealed record OwnedAllocation(string Pool, AllocationRecord Record);
