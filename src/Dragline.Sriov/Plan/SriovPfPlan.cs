using System.Text.Json.Serialization;
using Dragline.Core.Hardware;

namespace Dragline.Sriov.Plan;

/// <summary>What the merged policies want of one PF on this node.</summary>
public sealed record SriovPfPlan
{
    public required string Name { get; init; }

    [JsonConverter(typeof(PciAddressJsonConverter))]
    public required PciAddress PciAddress { get; init; }

    /// <summary>PCI vendor id, 4 hex digits: <c>15b3</c>.</summary>
    public required string Vendor { get; init; }

    /// <summary>PCI device id of the PF, 4 hex digits: <c>1017</c>.</summary>
    public required string DeviceId { get; init; }

    /// <summary>The PF's driver (<c>mlx5_core</c>); VFs with deviceType netdevice get the vendor's VF driver.</summary>
    public string? Driver { get; init; }

    /// <summary>The policies that contributed, in the order they were applied (lowest priority first).</summary>
    public required IReadOnlyList<string> MatchedPolicies { get; init; }

    /// <summary>VFs to have.</summary>
    public required int NumVfs { get; init; }

    /// <summary>VFs the PF has now.</summary>
    public int CurrentNumVfs { get; init; }

    /// <summary><c>sriov_totalvfs</c>.</summary>
    public int TotalVfs { get; init; }

    /// <summary>The PF MTU the policies ask for (raised to, never lowered); null when none asks.</summary>
    public int? Mtu { get; init; }

    public int CurrentMtu { get; init; }

    /// <summary><c>ETH</c> or <c>IB</c>: the policy's linkType, else the PF's current one.</summary>
    public required string LinkType { get; init; }

    public string? ESwitchMode { get; init; }

    /// <summary>The VFs are created by someone else: never change <c>sriov_numvfs</c>.</summary>
    public bool ExternallyManaged { get; init; }

    /// <summary>The VF groups, highest priority first (upstream's order).</summary>
    public required IReadOnlyList<SriovVfGroupPlan> VfGroups { get; init; }

    /// <summary>Whether any group exposes RDMA devices.</summary>
    public bool IsRdma => VfGroups.Any(g => g.IsRdma);

    /// <summary>The group that owns VF <paramref name="vf"/>, or null for a VF no policy claims.</summary>
    public SriovVfGroupPlan? GroupOf(int vf) => VfGroups.FirstOrDefault(g => g.Contains(vf));
}
