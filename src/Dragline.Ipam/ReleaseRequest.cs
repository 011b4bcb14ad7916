namespace Dragline.Ipam;

/// <summary>One CNI DEL (Spiderpool's <c>IpamDelArgs</c>); an empty <see cref="IfName"/> releases every interface of the container.</summary>
public sealed record ReleaseRequest
{
    public required string ContainerId { get; init; }

    public string IfName { get; init; } = "";

    public string PodNamespace { get; init; } = "";

    public string PodName { get; init; } = "";

    public string PodUid { get; init; } = "";
}
