using System.Diagnostics;
using System.Net;
using Dragline.Agent.Hosting;
using Dragline.Agent.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    private readonly WebApplication _app;
    private readonly AgentApi _api;
    private readonly ILogger _logger;
    private int _stopped;

    private AgentHost(WebApplication app, AgentApi api, AgentOptions options, ILogger logger)
    {
        _app = app;
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
        string socketPath = Path.GetFullPath(options.SocketPath);
        UnixSocketPreparer.Prepare(socketPath, logger);

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "dragline-agent",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http1);
            if (options.MetricsEndpoint is { } endpoint)
            {
                kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });

        WebApplication app = builder.Build();
        var api = new AgentApi(options, service, metrics ?? new AgentMetrics(), logger);
        app.Run(api.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            // Kestrel creates the socket with the process umask; tighten it before anyone is told it is up.
            File.SetUnixFileMode(socketPath, UnixSocketPreparer.SocketMode);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var host = new AgentHost(app, api, options, logger);
        if (options.MetricsEndpoint is not null)
        {
            host.MetricsEndpoint = app.Urls
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out Uri? uri) && uri.Scheme == "http" && IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) ? new IPEndPoint(ip, uri.Port) : null)
                .FirstOrDefault(e => e is not null);
        }

        AgentLog.Listening(logger, options.NodeName, socketPath, host.MetricsEndpoint is { } m ? $", metrics on http://{m}/metrics" : "");
        return host;
    }

    /// <summary>Serves until <paramref name="stopToken"/> is cancelled, then drains and stops.</summary>
    public async Task RunAsync(CancellationToken stopToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stopToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The stop signal.
        }

        await StopAsync().ConfigureAwait(false);
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
        using (var deadline = new CancellationTokenSource(Options.DrainTimeout))
        {
            await _app.StopAsync(deadline.Token).ConfigureAwait(false);
        }

        // Kestrel returns when its connections are closed; a handler still finishing its reply is waited for too.
        while (_api.InFlight > 0 && clock.Elapsed < Options.DrainTimeout)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        TryDeleteSocket();
        AgentLog.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void TryDeleteSocket()
    {
        try
        {
            File.Delete(Path.GetFullPath(Options.SocketPath));
        }
        catch (IOException)
        {
            // Gone already, or the directory went away: nothing to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to remove; the next agent replaces a stale socket anyway.
        }
    }
}
