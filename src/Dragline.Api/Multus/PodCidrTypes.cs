namespace Dragline.Api.Multus;

/// <summary>The coordinator <c>podCIDRType</c> values: how the cluster's pod CIDRs are discovered.</summary>
public static class PodCidrTypes
{
    public static IReadOnlyList<string> All { get; } = ["auto", "cluster", "calico", "cilium", "none"];
}
