using Dragline.DevicePlugin.Pools;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dragline.DevicePlugin.Server;

/// <summary>
/// One pool's gRPC server: Kestrel, HTTP/2 without TLS, on a unix socket of mode 0600 in the
/// device-plugin directory. A kubelet restart wipes the socket; the host then starts a new endpoint.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class PluginEndpoint : IAsyncDisposable
{
    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly WebApplication _app;
    private readonly EndpointStopping _stopping;
    private int _stopped;

    private PluginEndpoint(WebApplication app, EndpointStopping stopping, ResourcePool pool, string socketPath)
    {
        _app = app;
        _stopping = stopping;
        Pool = pool;
        SocketPath = socketPath;
    }

    public ResourcePool Pool { get; }

    public string SocketPath { get; }

    /// <summary>When the kubelet socket this endpoint last registered with was created (its mtime), or null if not registered.</summary>
    public DateTime? RegisteredWith { get; set; }

    public static async Task<PluginEndpoint> StartAsync(ResourcePool pool, string socketPath, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        DeleteIfExists(socketPath);
        var stopping = new EndpointStopping();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "dragline-device-plugin",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(pool);
        builder.Services.AddSingleton(stopping);
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = HttpProtocols.Http2);
        });

        WebApplication app = builder.Build();
        app.MapGrpcService<DevicePluginService>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(socketPath, SocketMode);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new PluginEndpoint(app, stopping, pool, socketPath);
    }

    /// <summary>Whether the socket file is still there (a restarting kubelet removes it).</summary>
    public bool SocketExists => File.Exists(SocketPath);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _stopping.Stop();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections that did not close in time are dropped.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        DeleteIfExists(SocketPath);
    }

    private static void DeleteIfExists(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing to remove.
        }
    }
}
