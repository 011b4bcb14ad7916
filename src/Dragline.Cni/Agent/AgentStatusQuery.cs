namespace Dragline.Cni.Agent;

/// <summary>
/// <c>GET /v1/status?network=&amp;defaultIPv4IPPool=&amp;defaultIPv6IPPool=</c> (pool parameters repeat,
/// one per name or wildcard): can the agent serve an ADD on this network now?
/// </summary>
public sealed class AgentStatusQuery
{
    public string? Network { get; init; }

    public IReadOnlyList<string>? DefaultIpv4Pools { get; init; }

    public IReadOnlyList<string>? DefaultIpv6Pools { get; init; }
}
