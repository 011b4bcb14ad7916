namespace Dragline.Ipam.Store;

/// <summary>The per-record commit conditions every store applies, in one place.</summary>
public static class AllocationConditions
{
    /// <summary>Null when <paramref name="change"/> may be applied over <paramref name="current"/>, else the conflict.</summary>
    public static RecordConflict? Check(AllocationChange change, AllocationRecord? current) => change.Kind switch
    {
        AllocationChangeKind.Reserve => current is null ? null : new RecordConflict(change, current),
        AllocationChangeKind.Release => current is null || current.Owner.IsSameAttachment(change.ExpectedOwner!) ? null : new RecordConflict(change, current),
        AllocationChangeKind.Replace => current is not null && current.Owner.IsSameAttachment(change.ExpectedOwner!) ? null : new RecordConflict(change, current),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change kind"),
    };
}
