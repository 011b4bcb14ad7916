namespace Dragline.Sriov.Apply;

/// <summary>A step that failed, and what had already been changed on that PF before it did.</summary>
/// <param name="Pf">The PF (name and PCI address), or <c>plan</c> when the plan itself was refused.</param>
/// <param name="Step">The step that failed.</param>
/// <param name="Reason">Why, with the value and what to do.</param>
/// <param name="DoneBefore">Changes already made on the PF by this apply; empty when none.</param>
public sealed record SriovApplyFailure(string Pf, string Step, string Reason, IReadOnlyList<string> DoneBefore)
{
    public override string ToString() => DoneBefore.Count == 0
        ? $"{Pf}: step {Step} failed: {Reason}"
        : $"{Pf}: step {Step} failed: {Reason} (already changed on this PF: {string.Join(", ", DoneBefore)})";
}
