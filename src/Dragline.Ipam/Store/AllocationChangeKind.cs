namespace Dragline.Ipam.Store;

/// <summary>What an <see cref="AllocationChange"/> does to one address.</summary>
public enum AllocationChangeKind
{
    /// <summary>Create the record; the address must be free.</summary>
    Reserve,

    /// <summary>Remove the record; it must still belong to the expected attachment (absent is fine).</summary>
    Release,

    /// <summary>Rewrite the record's owner (new sandbox of the same pod); it must belong to the expected attachment.</summary>
    Replace,
}
