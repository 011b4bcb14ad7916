namespace Dragline.Linux.Discovery;

/// <summary>The SR-IOV state of a physical function.</summary>
public sealed record SriovCapability
{
    /// <summary><c>sriov_totalvfs</c>: how many VFs the device can have.</summary>
    public required int TotalVfs { get; init; }

    /// <summary><c>sriov_numvfs</c>: how many VFs exist now.</summary>
    public required int NumVfs { get; init; }

    /// <summary>The VFs that exist, from the <c>virtfnN</c> links, ordered by index.</summary>
    public IReadOnlyList<VirtualFunctionLink> VirtualFunctions { get; init; } = [];
}
