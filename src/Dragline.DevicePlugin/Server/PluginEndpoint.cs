using Dragline.DevicePlugin.Pools;
using Dragline.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dragline.DevicePlugin.Server;

/// <summary>
/// One pool's gRPC server: HTTP/2 without TLS on a unix socket of mode 0600 in the device-plugin directory
/// (<see cref="UnixSocketWebHost"/>). A kubelet restart wipes the socket; the host then starts a new endpoint.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class PluginEndpoint : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly UnixSocketWebHost _server;
    private readonly EndpointStopping _stopping;
    private int _stopped;

    private PluginEndpoint(UnixSocketWebHost server, EndpointStopping stopping, ResourcePool pool)
    {
        _server = server;
        _stopping = stopping;
        Pool = pool;
    }

    public ResourcePool Pool { get; }

    public string SocketPath => _server.SocketPath;

    /// <summary>When the kubelet socket this endpoint last registered with was created (its mtime), or null if not registered.</summary>
    public DateTime? RegisteredWith { get; set; }

    public static async Task<PluginEndpoint> StartAsync(ResourcePool pool, string socketPath, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var stopping = new EndpointStopping();
        try
        {
            UnixSocketWebHost server = await UnixSocketWebHost.StartAsync(
                new UnixSocketWebHostOptions
                {
                    SocketPath = socketPath,
                    Name = "device plugin",
                    ChangeHint = "choose another --kubelet-dir",
                    Protocols = HttpProtocols.Http2,
                    ShutdownTimeout = ShutdownTimeout,
                },
                loggers,
                services =>
                {
                    services.AddSingleton(pool);
                    services.AddSingleton(stopping);
                    services.AddGrpc();
                },
                app => app.MapGrpcService<DevicePluginService>(),
                cancellationToken).ConfigureAwait(false);
            return new PluginEndpoint(server, stopping, pool);
        }
        catch
        {
            stopping.Dispose();
            throw;
        }
    }

    /// <summary>Whether the socket file is still there (a restarting kubelet removes it).</summary>
    public bool SocketExists => _server.SocketExists;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // End the ListAndWatch streams first: they would otherwise hold the shutdown until its deadline.
        _stopping.Stop();
        await _server.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
