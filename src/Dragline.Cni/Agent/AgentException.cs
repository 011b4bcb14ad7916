namespace Dragline.Cni.Agent;

/// <summary>
/// A failed agent request, already mapped to the CNI code a plugin reports: unreachable or timed
/// out (<see cref="HttpStatus"/> null) and <c>Conflict</c>/<c>Unavailable</c> are 11,
/// <c>PoolExhausted</c> 100, <c>InvalidRequest</c> 7, everything else 102. Callers branch on
/// <see cref="AgentCode"/> (DEL treats <c>NotFound</c> as success).
/// </summary>
public sealed class AgentException : CniException
{
    public AgentException(CniErrorCode code, string message, string? agentCode, int? httpStatus, IReadOnlyList<string>? pools = null, Exception? innerException = null)
        : base(code, message, innerException: innerException)
    {
        AgentCode = agentCode;
        HttpStatus = httpStatus;
        Pools = pools ?? [];
    }

    /// <summary>The agent's <c>code</c> (see <see cref="AgentErrorCodes"/>), or null when no reply came.</summary>
    public string? AgentCode { get; }

    /// <summary>The HTTP status, or null when the agent could not be reached or did not answer in time.</summary>
    public int? HttpStatus { get; }

    /// <summary>The pools the agent named.</summary>
    public IReadOnlyList<string> Pools { get; }

    /// <summary>True when the agent never answered (connection refused, missing socket, timeout).</summary>
    public bool IsUnreachable => HttpStatus is null;
}
