namespace Dragline.Cni.Agent;

/// <summary>How <see cref="AgentClient"/> reaches the agent.</summary>
public sealed class AgentClientOptions
{
    /// <summary>The agent's unix socket.</summary>
    public string SocketPath { get; init; } = AgentPaths.DefaultSocket;

    /// <summary>
    /// How long connecting may take. Connecting to a missing or dead socket fails at once; this bounds
    /// the case of an agent that no longer accepts (a full backlog).
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one request may take in all. An agent that accepts but never answers fails the CNI
    /// call with code 11 after this, well inside the kubelet's 4-minute sandbox timeout; the runtime
    /// retries and the agent returns the same allocation.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
