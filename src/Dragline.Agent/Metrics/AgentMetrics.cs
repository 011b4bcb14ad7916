using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dragline.Cni.Agent;
using Dragline.Ipam;

namespace Dragline.Agent.Metrics;

/// <summary>
/// The agent's Prometheus metrics: request latencies, request outcomes, store conflicts, group-commit
/// batch sizes, and per-pool counts (read from the IPAM service at scrape time). Written by hand in the
/// text exposition format so the host needs no metrics package.
/// </summary>
public sealed class AgentMetrics
{
    private static readonly double[] LatencyBounds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] BatchBounds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly ConcurrentDictionary<(string Endpoint, string Outcome), long> _requests = new();
    private long _conflicts;

    /// <summary>Seconds from receiving an allocation request to having its reply ready (successful or not).</summary>
    public Histogram AllocationLatency { get; } = new("dragline_ipam_allocation_duration_seconds", "Time to serve an allocation (POST /v1/ipam/ip), in seconds.", LatencyBounds);

    /// <summary>Seconds to serve a release.</summary>
    public Histogram ReleaseLatency { get; } = new("dragline_ipam_release_duration_seconds", "Time to serve a release (DELETE /v1/ipam/ip), in seconds.", LatencyBounds);

    /// <summary>Changes committed to the store in one write (group commit).</summary>
    public Histogram BatchSize { get; } = new("dragline_ipam_commit_batch_size", "Allocation changes committed to the store in one write.", BatchBounds);

    /// <summary>Store conflicts seen so far (each one is retried by the engine).</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Counts one request to <paramref name="endpoint"/> ending with <paramref name="outcome"/> (<c>ok</c> or an <see cref="AgentErrorCodes"/> value).</summary>
    public void CountRequest(string endpoint, string outcome) =>
        _requests.AddOrUpdate((endpoint, outcome), 1, (_, n) => n + 1);

    /// <summary>Requests counted for (endpoint, outcome).</summary>
    public long RequestCount(string endpoint, string outcome) => _requests.GetValueOrDefault((endpoint, outcome));

    /// <summary>Counts store conflicts (a commit whose conditions did not hold).</summary>
    public void CountConflicts(int conflicts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(conflicts);
        Interlocked.Add(ref _conflicts, conflicts);
    }

    /// <summary>Records one store write of the engine's group commit; pass as <c>IpamEngineOptions.CommitObserver</c>.</summary>
    public void ObserveCommit(CommitObservation commit)
    {
        if (commit.Committed)
        {
            BatchSize.Observe(commit.Changes);
        }
        else
        {
            CountConflicts(commit.Conflicts);
        }
    }

    /// <summary>The whole exposition: these metrics plus <paramref name="pools"/> as gauges.</summary>
    public string Render(IReadOnlyList<AgentPoolStatus> pools, bool ready)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var text = new StringBuilder();
        PrometheusText.Header(text, "dragline_agent_ready", "gauge", "1 when the agent serves IPAM requests, else 0.");
        text.Append("dragline_agent_ready ").Append(ready ? '1' : '0').Append('\n');

        PrometheusText.Header(text, "dragline_ipam_requests_total", "counter", "IPAM API requests by endpoint and outcome (ok or the error code).");
        foreach (KeyValuePair<(string Endpoint, string Outcome), long> entry in _requests.OrderBy(e => e.Key.Endpoint, StringComparer.Ordinal).ThenBy(e => e.Key.Outcome, StringComparer.Ordinal))
        {
            text.Append("dragline_ipam_requests_total{endpoint=\"").Append(PrometheusText.LabelValue(entry.Key.Endpoint))
                .Append("\",outcome=\"").Append(PrometheusText.LabelValue(entry.Key.Outcome)).Append("\"} ")
                .Append(entry.Value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        PrometheusText.Header(text, "dragline_ipam_conflicts_total", "counter", "Store commit conflicts (retried).");
        text.Append("dragline_ipam_conflicts_total ").Append(Conflicts.ToString(CultureInfo.InvariantCulture)).Append('\n');

        AllocationLatency.WriteTo(text);
        ReleaseLatency.WriteTo(text);
        BatchSize.WriteTo(text);

        WritePoolGauge(text, pools, "dragline_ipam_pool_total_ips", "Addresses a pool can hand out (saturates for huge IPv6 ranges).", p => p.Total);
        WritePoolGauge(text, pools, "dragline_ipam_pool_allocated_ips", "Addresses of a pool that are allocated.", p => p.Allocated);
        return text.ToString();
    }

    private static void WritePoolGauge(StringBuilder text, IReadOnlyList<AgentPoolStatus> pools, string name, string help, Func<AgentPoolStatus, long> value)
    {
        PrometheusText.Header(text, name, "gauge", help);
        foreach (AgentPoolStatus pool in pools.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(name).Append("{pool=\"").Append(PrometheusText.LabelValue(pool.Name))
                .Append("\",ip_version=\"").Append(pool.IpVersion.ToString(CultureInfo.InvariantCulture)).Append("\"} ")
                .Append(value(pool).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
