namespace Dragline.Cni.Agent;

/// <summary>The agent's socket and endpoint paths (HTTP/1.1 over a unix socket, JSON bodies).</summary>
public static class AgentPaths
{
    /// <summary>Where the agent listens unless configured otherwise.</summary>
    public const string DefaultSocket = "/run/dragline/agent.sock";

    /// <summary>POST allocate, DELETE release, GET query (CHECK).</summary>
    public const string Ip = "/v1/ipam/ip";

    /// <summary>POST: CNI GC.</summary>
    public const string Gc = "/v1/ipam/gc";

    /// <summary>GET: can an ADD be served (CNI STATUS).</summary>
    public const string Status = "/v1/status";

    /// <summary>GET: 200 while the process is alive.</summary>
    public const string Healthz = "/healthz";

    /// <summary>GET: 200 when ready to serve, 503 otherwise.</summary>
    public const string Readyz = "/readyz";
}
