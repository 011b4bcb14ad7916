namespace Dragline.Sriov.Apply;

/// <summary>One change made to the host.</summary>
/// <param name="Pf">The PF it concerns (name).</param>
/// <param name="Step">The step: numVfs, driver, GUID, MAC, rebind, VF MTU, PF MTU, PF up.</param>
/// <param name="Detail">What was written, e.g. <c>0 → 12</c> or <c>VF 3 node and port GUID 4a:...</c>.</param>
public sealed record SriovApplyAction(string Pf, string Step, string Detail)
{
    public override string ToString() => $"{Pf}: {Step}: {Detail}";
}
