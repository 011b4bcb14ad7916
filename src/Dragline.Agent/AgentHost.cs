using System.Diagnostics;
using System.Net;
using Dragline.Agent.Hosting;
using Dragline.Agent.Metrics;
using Dragline.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.Agent;

/// <summary>
/// The node agent's server: the IPAM API (HTTP/1.1, JSON) on a unix socket of mode 0600, and optionally
/// <c>GET /metrics</c>, <c>/healthz</c> and <c>/readyz</c> on a TCP address. Stopping drains: the
/// listeners close at once, requests in flight (an allocation being committed) finish and are answered,
/// then the host exits; the socket file is removed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AgentHost : IAsyncDisposable
{
    private readonly UnixSocketWebHost _server;
    private readonly AgentApi _api;
    private readonly ILogger _logger;
    private int _stopped;

    private AgentHost(UnixSocketWebHost server, AgentApi api, AgentOptions options, ILogger logger)
    {
        _server = server;
        _api = api;
        Options = options;
        _logger = logger;
    }

    public AgentOptions Options { get; }

    public AgentMetrics Metrics => _api.Metrics;

    /// <summary>The TCP endpoint the metrics listener is bound to (the real port when 0 was asked), or null.</summary>
    public IPEndPoint? MetricsEndpoint { get; private set; }

    /// <summary>Requests being served now.</summary>
    public int InFlight => _api.InFlight;

    /// <summary>Prepares the socket, starts listening and returns once the socket accepts connections.</summary>
    public static async Task<AgentHost> StartAsync(
        AgentOptions options,
        IAgentIpamService service,
        ILoggerFactory? loggerFactory = null,
        AgentMetrics? metrics = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeName);
        loggerFactory ??= NullLoggerFactory.Instance;
        ILogger logger = loggerFactory.CreateLogger("Dragline.Agent");
        var api = new AgentApi(options, service, metrics ?? new AgentMetrics(), logger);
        UnixSocketWebHost server = await UnixSocketWebHost.StartAsync(
            new UnixSocketWebHostOptions
            {
                SocketPath = options.SocketPath,
                Name = "agent",
                ChangeHint = "choose another --socket",
                Protocols = HttpProtocols.Http1,
                ShutdownTimeout = options.DrainTimeout,
                ConfigureKestrel = kestrel =>
                {
                    kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
                    if (options.MetricsEndpoint is { } endpoint)
                    {
                        kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
                    }
                },
            },
            loggerFactory,
            configureServices: null,
            app => app.Run(api.HandleAsync),
            cancellationToken).ConfigureAwait(false);

        var host = new AgentHost(server, api, options, logger);
        if (options.MetricsEndpoint is not null)
        {
            host.MetricsEndpoint = server.App.Urls
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out Uri? uri) && uri.Scheme == "http" && IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) ? new IPEndPoint(ip, uri.Port) : null)
                .FirstOrDefault(e => e is not null);
        }

        AgentLog.Listening(logger, options.NodeName, server.SocketPath, host.MetricsEndpoint is { } m ? $", metrics on http://{m}/metrics" : "");
        return host;
    }

    /// <summary>Stops accepting, finishes the requests in flight (up to <see cref="AgentOptions.DrainTimeout"/>), and removes the socket.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _api.BeginDrain();
        AgentLog.Draining(_logger, Options.DrainTimeout.TotalSeconds, _api.InFlight);
        var clock = Stopwatch.StartNew();
        await _server.StopAsync(Options.DrainTimeout).ConfigureAwait(false);

        // Kestrel returns when its connections are closed; a handler still finishing its reply is waited for too.
        while (_api.InFlight > 0 && clock.Elapsed < Options.DrainTimeout)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        _server.DeleteSocket();
        AgentLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
