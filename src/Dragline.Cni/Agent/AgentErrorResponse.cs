using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>The body of every non-2xx reply of the agent.</summary>
public sealed class AgentErrorResponse
{
    /// <summary>One of <see cref="AgentErrorCodes"/>; clients treat an unknown code by the HTTP status.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>What went wrong, with the offending values; passed through to the CNI error.</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>The pools involved (for <see cref="AgentErrorCodes.PoolExhausted"/>: every pool tried).</summary>
    [JsonPropertyName("pools")]
    public IReadOnlyList<string>? Pools { get; init; }
}
