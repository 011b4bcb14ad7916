using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>The reply to <c>GET /v1/status</c>.</summary>
public sealed class AgentStatus
{
    /// <summary>The agent has loaded its store and serves requests.</summary>
    [JsonPropertyName("ready")]
    public required bool Ready { get; init; }

    /// <summary>
    /// An ADD on the queried network could get an address now: ready, and for each IP family the
    /// network uses at least one candidate pool has a free address.
    /// </summary>
    [JsonPropertyName("canAllocate")]
    public required bool CanAllocate { get; init; }

    /// <summary>Why not, when <see cref="CanAllocate"/> is false (names the pools).</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("nodeName")]
    public string? NodeName { get; init; }

    /// <summary>The agent's version string.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The candidate pools of the queried network, with their counts.</summary>
    [JsonPropertyName("pools")]
    public IReadOnlyList<AgentPoolStatus>? Pools { get; init; }
}
