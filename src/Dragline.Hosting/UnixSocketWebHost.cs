using Dragline.Linux.FileSystem;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.Hosting;

/// <summary>
/// A slim ASP.NET Core server on a unix socket of mode 0600: the agent's IPAM API (HTTP/1.1) and each device
/// plugin's gRPC service (HTTP/2). The socket is bound under umask 077, so it is never, even for an instant
/// between bind and chmod, connectable by other users; the chmod then makes the mode exact whatever the
/// caller's umask was. The host hooks no signals; its owner decides when it stops.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnixSocketWebHost : IAsyncDisposable
{
    private int _stopped;

    private UnixSocketWebHost(WebApplication app, UnixSocketWebHostOptions options)
    {
        App = app;
        Options = options;
        SocketPath = Path.GetFullPath(options.SocketPath);
    }

    /// <summary>The running application (its <see cref="WebApplication.Urls"/> name the extra listeners' real ports).</summary>
    public WebApplication App { get; }

    public UnixSocketWebHostOptions Options { get; }

    /// <summary>The full path of the socket.</summary>
    public string SocketPath { get; }

    /// <summary>
    /// Prepares the socket path (<see cref="UnixSocketPreparer"/>), builds the application with
    /// <paramref name="configureServices"/> and <paramref name="configureApp"/>, and returns once the socket
    /// accepts connections.
    /// </summary>
    public static async Task<UnixSocketWebHost> StartAsync(
        UnixSocketWebHostOptions options,
        ILoggerFactory? loggers,
        Action<IServiceCollection>? configureServices,
        Action<WebApplication> configureApp,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configureApp);
        loggers ??= NullLoggerFactory.Instance;
        string socketPath = Path.GetFullPath(options.SocketPath);
        UnixSocketPreparer.Prepare(socketPath, options.Name, options.ChangeHint, loggers.CreateLogger("Dragline.Hosting"));

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "dragline-" + options.Name.Replace(' ', '-'),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, ManualLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        configureServices?.Invoke(builder.Services);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenUnixSocket(socketPath, listen => listen.Protocols = options.Protocols);
            options.ConfigureKestrel?.Invoke(kestrel);
        });

        WebApplication app = builder.Build();
        configureApp(app);
        try
        {
            await ProcessUmask.NarrowAsync(ProcessUmask.OwnerOnly, async () =>
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            File.SetUnixFileMode(socketPath, UnixSocketPreparer.SocketMode);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new UnixSocketWebHost(app, options);
    }

    /// <summary>Whether the socket file is still there (a restarting kubelet removes the plugins' sockets).</summary>
    public bool SocketExists => File.Exists(SocketPath);

    /// <summary>
    /// Stops accepting and waits up to <paramref name="timeout"/> for open connections; those still open are
    /// dropped. The socket file stays until <see cref="DeleteSocket"/> or <see cref="DisposeAsync"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await App.StopAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections that did not close in time are dropped.
        }
    }

    /// <summary>Removes the socket file, if it is still there.</summary>
    public void DeleteSocket()
    {
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // Gone already, or the directory went away: nothing to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to remove; the next server replaces a stale socket anyway.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(Options.ShutdownTimeout).ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        DeleteSocket();
    }
}
