using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Dragline.Core.Net;

namespace Dragline.Cni.Agent;

/// <summary>
/// The client side of the agent protocol: HTTP/1.1 with JSON bodies over the agent's unix socket.
/// Small enough for the NativeAOT plugin. Every failure is an <see cref="AgentException"/> carrying
/// the CNI code to report; an unreachable agent fails within <see cref="AgentClientOptions.ConnectTimeout"/>
/// (at once for a missing socket), a silent one within <see cref="AgentClientOptions.RequestTimeout"/>.
/// </summary>
public sealed class AgentClient : IDisposable
{
    private const int MaxReplyBytes = 4 * 1024 * 1024;
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;

    public AgentClient(AgentClientOptions? options = null)
    {
        Options = options ?? new AgentClientOptions();
        SocketsHttpHandler handler = UnixSocketHttpHandler.Create(Options.SocketPath);
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        handler.ConnectTimeout = Options.ConnectTimeout;
        _http = new HttpClient(handler, disposeHandler: true)
        {
            // The host part is never resolved: every connection goes to the socket.
            BaseAddress = new Uri("http://dragline-agent"),
            Timeout = Options.RequestTimeout,
            MaxResponseContentBufferSize = MaxReplyBytes,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("dragline-cni", "1"));
    }

    public AgentClientOptions Options { get; }

    /// <summary><c>POST /v1/ipam/ip</c>.</summary>
    public Task<AgentAllocation> AllocateAsync(AgentAllocateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, AgentPaths.Ip, request, AgentJsonContext.Default.AgentAllocateRequest, AgentJsonContext.Default.AgentAllocation, cancellationToken);
    }

    /// <summary><c>DELETE /v1/ipam/ip</c>.</summary>
    public Task<AgentReleaseResponse> ReleaseAsync(AgentReleaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Delete, AgentPaths.Ip, request, AgentJsonContext.Default.AgentReleaseRequest, AgentJsonContext.Default.AgentReleaseResponse, cancellationToken);
    }

    /// <summary><c>GET /v1/ipam/ip?…</c>.</summary>
    public Task<AgentAllocation> GetAllocationAsync(AgentAllocationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string path = AgentPaths.Ip + QueryString(
            ("containerID", query.ContainerId),
            ("ifName", query.IfName),
            ("network", query.Network),
            ("podNamespace", query.PodNamespace),
            ("podName", query.PodName),
            ("podUID", query.PodUid));
        return SendAsync<object, AgentAllocation>(HttpMethod.Get, path, null, null, AgentJsonContext.Default.AgentAllocation, cancellationToken);
    }

    /// <summary><c>POST /v1/ipam/gc</c>.</summary>
    public Task<AgentGcResponse> CollectGarbageAsync(AgentGcRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(HttpMethod.Post, AgentPaths.Gc, request, AgentJsonContext.Default.AgentGcRequest, AgentJsonContext.Default.AgentGcResponse, cancellationToken);
    }

    /// <summary><c>GET /v1/status?…</c>.</summary>
    public Task<AgentStatus> GetStatusAsync(AgentStatusQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pairs = new List<(string, string?)> { ("network", query.Network) };
        pairs.AddRange((query.DefaultIpv4Pools ?? []).Select(p => ("defaultIPv4IPPool", (string?)p)));
        pairs.AddRange((query.DefaultIpv6Pools ?? []).Select(p => ("defaultIPv6IPPool", (string?)p)));
        return SendAsync<object, AgentStatus>(HttpMethod.Get, AgentPaths.Status + QueryString([.. pairs]), null, null, AgentJsonContext.Default.AgentStatus, cancellationToken);
    }

    /// <summary><c>GET /healthz</c>: true on 200; false on any other status or when unreachable.</summary>
    public Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default) => ProbeAsync(AgentPaths.Healthz, cancellationToken);

    /// <summary><c>GET /readyz</c>: true on 200; false on any other status or when unreachable.</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => ProbeAsync(AgentPaths.Readyz, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>The CNI code for an agent error reply (see <see cref="AgentErrorCodes"/>); unknown codes go by HTTP status.</summary>
    public static CniErrorCode CniCodeFor(string? agentCode, int httpStatus) => agentCode switch
    {
        AgentErrorCodes.InvalidRequest => CniErrorCode.InvalidNetworkConfig,
        AgentErrorCodes.PoolExhausted => CniErrorCode.PoolExhausted,
        AgentErrorCodes.Conflict or AgentErrorCodes.Unavailable => CniErrorCode.TryAgainLater,
        AgentErrorCodes.NotFound or AgentErrorCodes.Forbidden or AgentErrorCodes.Internal => CniErrorCode.AgentRejected,
        _ => httpStatus switch
        {
            400 => CniErrorCode.InvalidNetworkConfig,
            409 or 429 or 502 or 503 or 504 => CniErrorCode.TryAgainLater,
            507 => CniErrorCode.PoolExhausted,
            _ => CniErrorCode.AgentRejected,
        },
    };

    private async Task<bool> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method,
        string path,
        TRequest? body,
        JsonTypeInfo<TRequest>? requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var message = new HttpRequestMessage(method, path);
        if (body is not null && requestType is not null)
        {
            var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
            content.Headers.ContentType = JsonMediaType;
            message.Content = content;
        }

        string what = $"{method} {path.Split('?')[0]}";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AgentException(
                CniErrorCode.TryAgainLater,
                $"cannot reach the dragline agent at {Options.SocketPath} ({what}): {Describe(ex)}; is the agent running on this node?",
                agentCode: null,
                httpStatus: null,
                innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentException(
                CniErrorCode.TryAgainLater,
                $"the dragline agent at {Options.SocketPath} did not answer {what} in time (connect limit {Options.ConnectTimeout.TotalSeconds:0.#} s, request limit {Options.RequestTimeout.TotalSeconds:0.#} s); try again later",
                agentCode: null,
                httpStatus: null,
                innerException: ex);
        }

        using (response)
        {
            byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw ErrorFromReply(status, bytes);
            }

            try
            {
                return JsonSerializer.Deserialize(bytes, responseType)
                    ?? throw new JsonException("the reply is JSON null");
            }
            catch (JsonException ex)
            {
                throw new AgentException(
                    CniErrorCode.AgentRejected,
                    $"the dragline agent sent an unreadable reply to {what} (HTTP {status}): {ex.Message}",
                    agentCode: null,
                    httpStatus: status,
                    innerException: ex);
            }
        }
    }

    private static AgentException ErrorFromReply(int status, byte[] bytes)
    {
        AgentErrorResponse? error = null;
        try
        {
            error = bytes.Length > 0 ? JsonSerializer.Deserialize(bytes, AgentJsonContext.Default.AgentErrorResponse) : null;
        }
        catch (JsonException)
        {
            // Not our error shape (a proxy, an old agent): fall back to the text and the status.
        }

        string text = error?.Message
            ?? (bytes.Length > 0 ? Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 2000)).Trim() : $"HTTP {status}");
        return new AgentException(
            CniCodeFor(error?.Code, status),
            $"dragline agent: {text}",
            agentCode: error?.Code,
            httpStatus: status,
            pools: error?.Pools);
    }

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException se)
            {
                return se.SocketErrorCode switch
                {
                    // .NET reports ENOENT on a unix socket path as AddressNotAvailable ("Cannot assign requested address").
                    SocketError.AddressNotAvailable => "the socket does not exist",
                    SocketError.ConnectionRefused => "connection refused (nothing listens on the socket)",
                    SocketError.AccessDenied => $"permission denied ({se.Message})",
                    _ => se.Message,
                };
            }

            if (e is TimeoutException or OperationCanceledException)
            {
                return "connecting timed out";
            }
        }

        return ex.Message;
    }

    private static string QueryString(params (string Key, string? Value)[] pairs)
    {
        var sb = new StringBuilder();
        foreach ((string key, string? value) in pairs)
        {
            if (value is null)
            {
                continue;
            }

            sb.Append(sb.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.ToString();
    }
}
