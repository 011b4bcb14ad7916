namespace Dragline.Ipam;

/// <summary>The ordered candidate pools of one interface, per family (empty: that family is not allocated).</summary>
internal sealed record NicPlan(string Nic, IReadOnlyList<CompiledPool> IPv4, IReadOnlyList<CompiledPool> IPv6, bool CleanGateway);
