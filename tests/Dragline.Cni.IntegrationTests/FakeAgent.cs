using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Dragline.Cni.Agent;

namespace Dragline.Cni.IntegrationTests;

/// <summary>
/// A test double of the dragline agent: a tiny HTTP/1.1 server on a unix socket in a temp directory
/// that speaks the agent protocol (<c>docs/cni.md</c>) with an in-memory allocator over
/// <see cref="FakePool"/>s. It records every request; <see cref="Hang"/> makes it accept and read
/// requests but never answer; <see cref="Override"/> replaces the reply to chosen requests.
/// One request per connection (it answers with <c>Connection: close</c>).
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly string _directory;
    private readonly object _gate = new();
    private readonly List<Record> _records = [];

    private FakeAgent(IEnumerable<FakePool> pools, int backlog)
    {
        _directory = Directory.CreateTempSubdirectory("dragline-fake-agent-").FullName;
        SocketPath = Path.Combine(_directory, "agent.sock");
        Pools = pools.ToList();
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(backlog);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public string SocketPath { get; }

    public List<FakePool> Pools { get; }

    public ConcurrentQueue<FakeAgentRequest> Requests { get; } = new();

    public bool Ready { get; set; } = true;

    public bool Hang { get; set; }

    public Func<FakeAgentRequest, FakeAgentReply?>? Override { get; set; }

    public static FakeAgent Start(params FakePool[] pools) => new(pools, 64);

    /// <summary>A directory path that holds no socket, for "agent not running".</summary>
    public static string MissingSocketPath() => Path.Combine(Path.GetTempPath(), $"dragline-no-agent-{Guid.NewGuid():N}", "agent.sock");

    public IReadOnlyList<(string ContainerId, string IfName, string Network, string Address, string Pool)> Allocations()
    {
        lock (_gate)
        {
            return _records.Select(r => (r.ContainerId, r.IfName, r.Network, r.Ip.Address, r.Ip.Pool)).ToList();
        }
    }

    /// <summary>Records an allocation as if an earlier ADD had made it.</summary>
    public void Seed(string containerId, string ifName, string network, string poolName)
    {
        lock (_gate)
        {
            FakePool pool = Pools.Single(p => p.Name == poolName);
            AgentIpConfig ip = Take(pool, ifName) ?? throw new InvalidOperationException($"pool {poolName} is full");
            _records.Add(new Record(containerId, ifName, network, ip, false));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
            // Stopping.
        }

        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            FakeAgentRequest? request = await ReadRequestAsync(stream);
            if (request is null)
            {
                return;
            }

            Requests.Enqueue(request);
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }

            FakeAgentReply reply = Override?.Invoke(request) ?? Handle(request);
            byte[] body = Encoding.UTF8.GetBytes(reply.Body);
            string head = $"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\nContent-Type: {reply.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    private async Task<FakeAgentRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        byte[] chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            int n = await stream.ReadAsync(chunk, _stop.Token);
            if (n == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
        }

        string head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
        string[] lines = head.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        int contentLength = 0;
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        int bodyStart = headerEnd + 4;
        while (buffer.Count - bodyStart < contentLength)
        {
            int n = await stream.ReadAsync(chunk, _stop.Token);
            if (n == 0)
            {
                break;
            }

            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
        }

        string body = Encoding.UTF8.GetString(buffer.GetRange(bodyStart, Math.Min(contentLength, buffer.Count - bodyStart)).ToArray());
        string target = requestLine[1];
        int q = target.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? target : target[..q];
        var query = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (string pair in target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                string key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
                if (!query.TryGetValue(key, out List<string>? values))
                {
                    query[key] = values = [];
                }

                values.Add(value);
            }
        }

        return new FakeAgentRequest(requestLine[0], path, query, body);
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (int i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private FakeAgentReply Handle(FakeAgentRequest request)
    {
        lock (_gate)
        {
            return (request.Method, request.Path) switch
            {
                ("GET", AgentPaths.Healthz) => new FakeAgentReply(200, "ok", "text/plain"),
                ("GET", AgentPaths.Readyz) => Ready ? new FakeAgentReply(200, "ready", "text/plain") : new FakeAgentReply(503, "not ready", "text/plain"),
                ("POST", AgentPaths.Ip) => Allocate(JsonSerializer.Deserialize(request.Body, AgentJsonContext.Default.AgentAllocateRequest)!),
                ("DELETE", AgentPaths.Ip) => Release(JsonSerializer.Deserialize(request.Body, AgentJsonContext.Default.AgentReleaseRequest)!),
                ("GET", AgentPaths.Ip) => Query(request.Query),
                ("POST", AgentPaths.Gc) => Collect(JsonSerializer.Deserialize(request.Body, AgentJsonContext.Default.AgentGcRequest)!),
                ("GET", AgentPaths.Status) => Status(request.Query),
                _ => Error(404, AgentErrorCodes.NotFound, $"no endpoint {request.Method} {request.Path}"),
            };
        }
    }

    private FakeAgentReply Allocate(AgentAllocateRequest r)
    {
        List<Record> existing = _records.Where(x => x.ContainerId == r.ContainerId && x.IfName == r.IfName && x.Network == r.Network).ToList();
        if (existing.Count == 0)
        {
            foreach ((int version, IReadOnlyList<string>? names) in new[] { (4, r.DefaultIpv4Pools), (6, r.DefaultIpv6Pools) })
            {
                if (names is not { Count: > 0 })
                {
                    continue;
                }

                List<FakePool> candidates = names.SelectMany(n => Pools.Where(p => p.Version == version && Matches(n, p.Name))).Distinct().ToList();
                AgentIpConfig? ip = candidates.Select(p => Take(p, r.IfName)).FirstOrDefault(x => x is not null);
                if (ip is null)
                {
                    // Undo the other family (dual-stack half success must not leak).
                    _records.RemoveAll(x => existing.Contains(x));
                    return Error(507, AgentErrorCodes.PoolExhausted, $"all IPv{version} addresses of pools [{string.Join(", ", names)}] are in use", names);
                }

                var record = new Record(r.ContainerId, r.IfName, r.Network, ip, r.CleanGateway == true);
                existing.Add(record);
                _records.Add(record);
            }

            if (existing.Count == 0)
            {
                return Error(400, AgentErrorCodes.InvalidRequest, $"network {r.Network} names no pool: set default_ipv4_ippool or default_ipv6_ippool");
            }
        }

        return Json(200, JsonSerializer.Serialize(ToAllocation(existing), AgentJsonContext.Default.AgentAllocation));
    }

    private FakeAgentReply Release(AgentReleaseRequest r)
    {
        List<Record> gone = _records.Where(x => x.ContainerId == r.ContainerId && x.IfName == r.IfName && x.Network == r.Network).ToList();
        _records.RemoveAll(gone.Contains);
        return Json(200, JsonSerializer.Serialize(new AgentReleaseResponse { Released = gone.Select(Released).ToArray() }, AgentJsonContext.Default.AgentReleaseResponse));
    }

    private FakeAgentReply Query(IReadOnlyDictionary<string, List<string>> q)
    {
        string? Get(string k) => q.TryGetValue(k, out List<string>? v) ? v[0] : null;
        List<Record> found = _records.Where(x => x.ContainerId == Get("containerID") && x.IfName == Get("ifName") && x.Network == Get("network")).ToList();
        return found.Count == 0
            ? Error(404, AgentErrorCodes.NotFound, $"no allocation for container {Get("containerID")} interface {Get("ifName")} on network {Get("network")}")
            : Json(200, JsonSerializer.Serialize(ToAllocation(found), AgentJsonContext.Default.AgentAllocation));
    }

    private FakeAgentReply Collect(AgentGcRequest r)
    {
        var valid = r.ValidAttachments.Select(a => (a.ContainerId, a.IfName)).ToHashSet();
        List<Record> gone = _records.Where(x => x.Network == r.Network && !valid.Contains((x.ContainerId, x.IfName))).ToList();
        _records.RemoveAll(gone.Contains);
        return Json(200, JsonSerializer.Serialize(new AgentGcResponse { Released = gone.Select(Released).ToArray() }, AgentJsonContext.Default.AgentGcResponse));
    }

    private FakeAgentReply Status(IReadOnlyDictionary<string, List<string>> q)
    {
        var statuses = new List<AgentPoolStatus>();
        bool canAllocate = Ready;
        foreach ((int version, string key) in new[] { (4, "defaultIPv4IPPool"), (6, "defaultIPv6IPPool") })
        {
            if (!q.TryGetValue(key, out List<string>? names))
            {
                continue;
            }

            List<FakePool> pools = names.SelectMany(n => Pools.Where(p => p.Version == version && Matches(n, p.Name))).Distinct().ToList();
            long free = 0;
            foreach (FakePool p in pools)
            {
                int used = _records.Count(x => x.Ip.Pool == p.Name);
                statuses.Add(new AgentPoolStatus { Name = p.Name, IpVersion = version, Total = p.Addresses.Count, Allocated = used, Free = p.Addresses.Count - used });
                free += p.Addresses.Count - used;
            }

            canAllocate &= free > 0;
        }

        var status = new AgentStatus
        {
            Ready = Ready,
            CanAllocate = canAllocate,
            Message = canAllocate ? null : Ready ? "every candidate pool is exhausted" : "the store is not loaded yet",
            NodeName = "fake-node",
            Version = "test",
            Pools = statuses,
        };
        return Json(200, JsonSerializer.Serialize(status, AgentJsonContext.Default.AgentStatus));
    }

    private AgentIpConfig? Take(FakePool pool, string ifName)
    {
        var used = _records.Where(x => x.Ip.Pool == pool.Name).Select(x => x.Ip.Address).ToHashSet();
        string? free = pool.Addresses.Select(a => $"{a}/{pool.Prefix}").FirstOrDefault(a => !used.Contains(a));
        return free is null ? null : new AgentIpConfig { Interface = ifName, Version = pool.Version, Address = free, Pool = pool.Name, Gateway = pool.Gateway };
    }

    private static AgentAllocation ToAllocation(List<Record> records) => new()
    {
        Ips = records.Select(x => x.Ip).ToArray(),
        Routes = records.Where(x => !x.CleanGateway && x.Ip.Gateway is not null)
            .Select(x => new AgentRoute { Interface = x.IfName, Dst = x.Ip.Version == 4 ? "0.0.0.0/0" : "::/0", Gw = x.Ip.Gateway })
            .ToArray(),
        CleanGateway = records.Any(x => x.CleanGateway),
        NodeName = "fake-node",
    };

    private static AgentReleasedAddress Released(Record x) => new() { ContainerId = x.ContainerId, IfName = x.IfName, Address = x.Ip.Address, Pool = x.Ip.Pool };

    private static bool Matches(string pattern, string name)
        => pattern.EndsWith('*') ? name.StartsWith(pattern[..^1], StringComparison.Ordinal) : pattern == name;

    private static FakeAgentReply Json(int status, string body) => new(status, body);

    private static FakeAgentReply Error(int status, string code, string message, IReadOnlyList<string>? pools = null)
        => new(status, JsonSerializer.Serialize(new AgentErrorResponse { Code = code, Message = message, Pools = pools }, AgentJsonContext.Default.AgentErrorResponse));

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        409 => "Conflict",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        507 => "Insufficient Storage",
        _ => "Status",
    };

    private sealed record Record(string ContainerId, string IfName, string Network, AgentIpConfig Ip, bool CleanGateway);
}
