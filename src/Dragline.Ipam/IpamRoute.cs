namespace Dragline.Ipam;

/// <summary>A route for one interface (Spiderpool's <c>Route</c>: <c>ifName</c>, <c>dst</c>, <c>gw</c>).</summary>
public sealed record IpamRoute(string IfName, string Dst, string Gw);
