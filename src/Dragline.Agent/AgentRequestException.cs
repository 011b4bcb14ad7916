using Dragline.Cni.Agent;

namespace Dragline.Agent;

/// <summary>
/// A request the agent refuses with a specific protocol error (<see cref="AgentErrorCodes"/>); the HTTP
/// layer answers it with the code's status and an <see cref="AgentErrorResponse"/>.
/// </summary>
public sealed class AgentRequestException : Exception
{
    public AgentRequestException(string code, string message, IReadOnlyList<string>? pools = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        Pools = pools ?? [];
    }

    public AgentRequestException()
        : this(AgentErrorCodes.Internal, "the agent failed")
    {
    }

    public AgentRequestException(string message)
        : this(AgentErrorCodes.Internal, message)
    {
    }

    public AgentRequestException(string message, Exception innerException)
        : this(AgentErrorCodes.Internal, message, null, innerException)
    {
    }

    /// <summary>One of <see cref="AgentErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The pools involved (every pool tried, for exhaustion).</summary>
    public IReadOnlyList<string> Pools { get; }
}
