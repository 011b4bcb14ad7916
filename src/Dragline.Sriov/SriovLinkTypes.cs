namespace Dragline.Sriov;

/// <summary>Link types as a node state writes them (<c>ETH</c>, <c>IB</c>).</summary>
public static class SriovLinkTypes
{
    public const string Ethernet = "ETH";

    public const string InfiniBand = "IB";

    /// <summary>A policy's <c>linkType</c> (<c>eth</c>, <c>ETH</c>, <c>ib</c>, <c>IB</c>) in node-state spelling; null when empty.</summary>
    public static string? Normalise(string? linkType) =>
        string.IsNullOrEmpty(linkType) ? null
        : string.Equals(linkType, "ib", StringComparison.OrdinalIgnoreCase) ? InfiniBand
        : string.Equals(linkType, "eth", StringComparison.OrdinalIgnoreCase) ? Ethernet
        : linkType;
}
