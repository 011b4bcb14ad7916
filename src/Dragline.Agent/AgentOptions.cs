using System.Net;
using Dragline.Cni.Agent;

namespace Dragline.Agent;

/// <summary>How <see cref="AgentHost"/> runs: the node it serves, where it listens, how long it drains.</summary>
public sealed class AgentOptions
{
    /// <summary>The node name recorded with every allocation. Required.</summary>
    public required string NodeName { get; init; }

    /// <summary>The unix socket of the IPAM API. Created with mode 0600; its directory with 0700 when the agent creates it.</summary>
    public string SocketPath { get; init; } = AgentPaths.DefaultSocket;

    /// <summary>The TCP address of the Prometheus endpoint (<c>GET /metrics</c>), or null for none.</summary>
    public IPEndPoint? MetricsEndpoint { get; init; }

    /// <summary>
    /// How long a stop waits for requests in flight. An allocation that started is finished and answered
    /// before the process exits unless it takes longer than this.
    /// </summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The version string reported by <c>/v1/status</c>.</summary>
    public string Version { get; init; } = typeof(AgentOptions).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>Parses <c>--metrics</c>: <c>HOST:PORT</c> or <c>[V6]:PORT</c> with a literal address.</summary>
    public static IPEndPoint ParseMetricsEndpoint(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IPEndPoint.TryParse(value.Trim(), out IPEndPoint? endpoint) || endpoint.Port == 0)
        {
            throw new Core.DraglineException(Core.DraglineErrorReason.InvalidValue,
                $"invalid metrics address '{value}': give a literal IP address and a port from 1 to 65535, e.g. 127.0.0.1:9750 or [::1]:9750");
        }

        return endpoint;
    }
}
