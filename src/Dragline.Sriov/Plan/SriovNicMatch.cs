using Dragline.Api.Model.Sriov;

namespace Dragline.Sriov.Plan;

/// <summary>How a nicSelector selected a PF.</summary>
/// <param name="PfNameEntry">The pfNames entry that named the PF (by name or altName), as written; null when pfNames is empty.</param>
/// <param name="PfName">That entry parsed, with its VF range if it has one.</param>
/// <param name="ViaRootDevice">Whether rootDevices named the PF.</param>
public sealed record SriovNicMatch(string? PfNameEntry, SriovPfNameSelector? PfName, bool ViaRootDevice)
{
    /// <summary>The VF indexes the policy gets on this PF: the entry's range, else <c>0..numVfs-1</c>.</summary>
    public (int First, int Last) VfRange(long numVfs)
    {
        (long first, long last) = PfName is { } entry ? entry.VfRange(numVfs) : (0, numVfs - 1);
        return ((int)first, (int)last);
    }
}
