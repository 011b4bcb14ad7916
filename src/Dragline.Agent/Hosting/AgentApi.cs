using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dragline.Agent.Metrics;
using Dragline.Cni.Agent;
using Dragline.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dragline.Agent.Hosting;

/// <summary>
/// The request dispatcher: one terminal handler that routes by method and path (the API is small and
/// fixed, so no routing table), reads and writes the protocol's source-generated JSON, and maps failures
/// to <see cref="AgentErrorResponse"/>s. Connections on the TCP metrics listener only see the probes and
/// <c>/metrics</c>.
/// </summary>
internal sealed class AgentApi
{
    private readonly AgentOptions _options;
    private readonly IAgentIpamService _service;
    private readonly ILogger _logger;
    private int _inFlight;
    private volatile bool _draining;

    public AgentApi(AgentOptions options, IAgentIpamService service, AgentMetrics metrics, ILogger logger)
    {
        _options = options;
        _service = service;
        Metrics = metrics;
        _logger = logger;
    }

    public AgentMetrics Metrics { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public void BeginDrain() => _draining = true;

    public async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await DispatchAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string path = request.Path.Value ?? "/";
        string method = request.Method;
        bool tcp = context.Connection.LocalIpAddress is not null;

        switch (path)
        {
            case AgentPaths.Healthz when HttpMethods.IsGet(method):
                await WriteTextAsync(context, StatusCodes.Status200OK, "ok\n").ConfigureAwait(false);
                return;
            case AgentPaths.Readyz when HttpMethods.IsGet(method):
                bool ready = _service.IsReady && !_draining;
                await WriteTextAsync(context, ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable,
                    ready ? "ready\n" : _draining ? "draining\n" : "not ready: loading pools from the store\n").ConfigureAwait(false);
                return;
            case "/metrics" when HttpMethods.IsGet(method):
                IReadOnlyList<AgentPoolStatus> pools = await PoolCountsAsync(context.RequestAborted).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = PrometheusText.ContentType;
                await context.Response.WriteAsync(Metrics.Render(pools, _service.IsReady && !_draining), context.RequestAborted).ConfigureAwait(false);
                return;
        }

        if (tcp)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, AgentErrorCodes.NotFound,
                $"{path} is not served on the metrics address; the IPAM API is on the unix socket {_options.SocketPath}", null).ConfigureAwait(false);
            return;
        }

        string endpoint = $"{method} {path}";
        try
        {
            switch (path)
            {
                case AgentPaths.Ip when HttpMethods.IsPost(method):
                    await AllocateAsync(context).ConfigureAwait(false);
                    break;
                case AgentPaths.Ip when HttpMethods.IsDelete(method):
                    await ReleaseAsync(context).ConfigureAwait(false);
                    break;
                case AgentPaths.Ip when HttpMethods.IsGet(method):
                    await QueryAsync(context).ConfigureAwait(false);
                    break;
                case AgentPaths.Gc when HttpMethods.IsPost(method):
                    RequireReady();
                    AgentGcRequest gc = await ReadAsync(context, AgentJsonContext.Default.AgentGcRequest).ConfigureAwait(false);
                    Require(gc.Network, "network");
                    AgentGcResponse collected = await _service.CollectGarbageAsync(gc, CancellationToken.None).ConfigureAwait(false);
                    await WriteJsonAsync(context, StatusCodes.Status200OK, collected, AgentJsonContext.Default.AgentGcResponse).ConfigureAwait(false);
                    break;
                case AgentPaths.Status when HttpMethods.IsGet(method):
                    await StatusAsync(context).ConfigureAwait(false);
                    break;
                case AgentPaths.Ip or AgentPaths.Gc or AgentPaths.Status:
                    endpoint = "unsupported";
                    context.Response.Headers.Allow = path switch
                    {
                        AgentPaths.Ip => "GET, POST, DELETE",
                        AgentPaths.Gc => "POST",
                        _ => "GET",
                    };
                    await WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, AgentErrorCodes.InvalidRequest,
                        $"{method} is not allowed on {path}; allowed: {context.Response.Headers.Allow}", null).ConfigureAwait(false);
                    return;
                default:
                    endpoint = "unknown";
                    await WriteErrorAsync(context, StatusCodes.Status404NotFound, AgentErrorCodes.NotFound,
                        $"no such endpoint {method} {path}; see docs/agent.md for the agent API", null).ConfigureAwait(false);
                    return;
            }

            Metrics.CountRequest(endpoint, "ok");
        }
        catch (Exception ex) when (Classify(ex) is { } failure)
        {
            Metrics.CountRequest(endpoint, failure.Code);
            if (failure.Code == AgentErrorCodes.Internal)
            {
                AgentLog.Failed(_logger, ex, method, path);
            }
            else
            {
                AgentLog.Refused(_logger, method, path, failure.Code, failure.Message);
            }

            if (!context.Response.HasStarted)
            {
                await WriteErrorAsync(context, failure.Status, failure.Code, failure.Message, failure.Pools).ConfigureAwait(false);
            }
        }
    }

    private async Task AllocateAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            RequireReady();
            AgentAllocateRequest request = await ReadAsync(context, AgentJsonContext.Default.AgentAllocateRequest).ConfigureAwait(false);
            Require(request.ContainerId, "containerID");
            Require(request.IfName, "ifName");
            Require(request.Network, "network");

            // Never cancelled by the client or by a stop: once started, the allocation is committed and answered.
            AgentAllocation allocation = await _service.AllocateAsync(request, CancellationToken.None).ConfigureAwait(false);
            await WriteJsonAsync(context, StatusCodes.Status200OK, allocation, AgentJsonContext.Default.AgentAllocation).ConfigureAwait(false);
        }
        finally
        {
            Metrics.AllocationLatency.Observe(clock.Elapsed.TotalSeconds);
        }
    }

    private async Task ReleaseAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            RequireReady();
            AgentReleaseRequest request = await ReadAsync(context, AgentJsonContext.Default.AgentReleaseRequest).ConfigureAwait(false);
            Require(request.ContainerId, "containerID");
            Require(request.IfName, "ifName");
            Require(request.Network, "network");
            AgentReleaseResponse released = await _service.ReleaseAsync(request, CancellationToken.None).ConfigureAwait(false);
            await WriteJsonAsync(context, StatusCodes.Status200OK, released, AgentJsonContext.Default.AgentReleaseResponse).ConfigureAwait(false);
        }
        finally
        {
            Metrics.ReleaseLatency.Observe(clock.Elapsed.TotalSeconds);
        }
    }

    private async Task QueryAsync(HttpContext context)
    {
        RequireReady();
        IQueryCollection q = context.Request.Query;
        var query = new AgentAllocationQuery
        {
            ContainerId = Require(q["containerID"].ToString(), "containerID"),
            IfName = Require(q["ifName"].ToString(), "ifName"),
            Network = Require(q["network"].ToString(), "network"),
            PodNamespace = Optional(q["podNamespace"].ToString()),
            PodName = Optional(q["podName"].ToString()),
            PodUid = Optional(q["podUID"].ToString()),
        };
        AgentAllocation? allocation = await _service.GetAsync(query, context.RequestAborted).ConfigureAwait(false)
            ?? throw new AgentRequestException(AgentErrorCodes.NotFound,
                $"no allocation for container {query.ContainerId} interface {query.IfName} on network {query.Network}");
        await WriteJsonAsync(context, StatusCodes.Status200OK, allocation, AgentJsonContext.Default.AgentAllocation).ConfigureAwait(false);
    }

    private async Task StatusAsync(HttpContext context)
    {
        IQueryCollection q = context.Request.Query;
        var query = new AgentStatusQuery
        {
            Network = Optional(q["network"].ToString()),
            DefaultIpv4Pools = [.. q["defaultIPv4IPPool"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)],
            DefaultIpv6Pools = [.. q["defaultIPv6IPPool"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)],
        };
        AgentStatus status;
        if (!_service.IsReady || _draining)
        {
            status = new AgentStatus
            {
                Ready = false,
                CanAllocate = false,
                Message = _draining ? "the agent is stopping" : "the agent is still loading pools from the store",
                NodeName = _options.NodeName,
                Version = _options.Version,
            };
        }
        else
        {
            AgentStatus fromService = await _service.GetStatusAsync(query, context.RequestAborted).ConfigureAwait(false);
            status = new AgentStatus
            {
                Ready = fromService.Ready,
                CanAllocate = fromService.CanAllocate,
                Message = fromService.Message,
                NodeName = fromService.NodeName ?? _options.NodeName,
                Version = fromService.Version ?? _options.Version,
                Pools = fromService.Pools,
            };
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, status, AgentJsonContext.Default.AgentStatus).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<AgentPoolStatus>> PoolCountsAsync(CancellationToken cancellationToken)
    {
        if (!_service.IsReady)
        {
            return [];
        }

        try
        {
            return await _service.GetPoolCountsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DraglineException)
        {
            // The store is unreachable: the scrape still reports the request metrics.
            return [];
        }
    }

    private void RequireReady()
    {
        if (!_service.IsReady)
        {
            throw new AgentRequestException(AgentErrorCodes.Unavailable, "the agent is not ready yet (loading pools from the store); try again shortly");
        }
    }

    private static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false)
                ?? throw new AgentRequestException(AgentErrorCodes.InvalidRequest, $"the request body is JSON null; send a {type.Type.Name} object");
        }
        catch (JsonException ex)
        {
            throw new AgentRequestException(AgentErrorCodes.InvalidRequest, $"the request body is not a valid {type.Type.Name}: {ex.Message}", null, ex);
        }
    }

    private static string Require(string? value, string field) => string.IsNullOrWhiteSpace(value)
        ? throw new AgentRequestException(AgentErrorCodes.InvalidRequest, $"'{field}' is required and must not be empty")
        : value;

    private static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static (int Status, string Code, string Message, IReadOnlyList<string>? Pools)? Classify(Exception ex) => ex switch
    {
        AgentRequestException a => (StatusOf(a.Code), a.Code, a.Message, a.Pools.Count > 0 ? a.Pools : null),
        DraglineException d => d.Reason switch
        {
            DraglineErrorReason.InvalidValue or DraglineErrorReason.Malformed => (400, AgentErrorCodes.InvalidRequest, d.Message, null),
            DraglineErrorReason.NotFound => (400, AgentErrorCodes.InvalidRequest, d.Message, null),
            DraglineErrorReason.Conflict => (409, AgentErrorCodes.Conflict, d.Message, null),
            DraglineErrorReason.Exhausted => (507, AgentErrorCodes.PoolExhausted, d.Message, null),
            DraglineErrorReason.Unavailable => (503, AgentErrorCodes.Unavailable, d.Message, null),
            _ => (500, AgentErrorCodes.Internal, d.Message, null),
        },
        BadHttpRequestException b => (400, AgentErrorCodes.InvalidRequest, b.Message, null),
        OperationCanceledException => null, // the client went away; nothing to answer
        _ => (500, AgentErrorCodes.Internal, $"unexpected failure in the agent: {ex.GetType().Name}: {ex.Message}", null),
    };

    private static int StatusOf(string code) => code switch
    {
        AgentErrorCodes.InvalidRequest => 400,
        AgentErrorCodes.Forbidden => 403,
        AgentErrorCodes.NotFound => 404,
        AgentErrorCodes.Conflict => 409,
        AgentErrorCodes.Unavailable => 503,
        AgentErrorCodes.PoolExhausted => 507,
        _ => 500,
    };

    private static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, CancellationToken.None).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message, IReadOnlyList<string>? pools) =>
        WriteJsonAsync(context, status, new AgentErrorResponse { Code = code, Message = message, Pools = pools }, AgentJsonContext.Default.AgentErrorResponse);

    private static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, CancellationToken.None).ConfigureAwait(false);
    }
}
