namespace Dragline.Ipam;

/// <summary>The pools asked for one interface (names or wildcards per family) and whether its gateway is cleaned.</summary>
internal sealed record NicPoolRequest(string Nic, IReadOnlyList<string> IPv4, IReadOnlyList<string> IPv6, bool? CleanGateway, string Source);
