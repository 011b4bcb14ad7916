namespace Dragline.Ipam;

/// <summary>One entry of the <c>ipam.spidernet.io/routes</c> pod annotation.</summary>
internal sealed record CustomRoute(string Dst, string Gw);
