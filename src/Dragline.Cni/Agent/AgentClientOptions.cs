namespace Dragline.Cni.Agent;

/// <summary>How <see cref="AgentClient"/> reaches the agent.</summary>
public sealed class AgentClientOptions
{
    /// <summary>The agent's unix socket.</summary>
    public string SocketPath { get; init; } = AgentPaths.DefaultSocket;

    /// <summary>
    /// How long connecting may take. Connecting to a missing or dead socket fails at once; this bounds
    /// the case of an agent that no longer accepts (a full backlog). Generous because on a node starting
    /// hundreds of pods at once the plugin process itself may wait seconds for a CPU.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one request may take in all. An agent that accepts but never answers fails the CNI
    /// call with code 11 after this, well inside the kubelet's 4-minute sandbox timeout; the runtime
    /// retries and the agent returns the same allocation. 20 s rather than a few: a burst of hundreds of
    /// sandboxes on a small node (load far above its cores) delays every process, the plugin's own reading
    /// of the reply included, and a burst must not turn into a wave of code-11 retries that add more load.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
