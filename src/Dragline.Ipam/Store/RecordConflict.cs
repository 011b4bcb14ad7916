namespace Dragline.Ipam.Store;

/// <summary>A change whose condition did not hold, with the record the store holds now (null when none).</summary>
public sealed record RecordConflict(AllocationChange Change, AllocationRecord? Current);
