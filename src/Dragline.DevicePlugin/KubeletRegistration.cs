using Dragline.DevicePlugin.Server;
using Dragline.DevicePlugin.V1Beta1;
using Microsoft.Extensions.Logging;

namespace Dragline.DevicePlugin;

/// <summary>
/// The kubelet side of the device plugins: registering a pool's endpoint with <c>kubelet.sock</c>, and noticing
/// a kubelet restart (our socket removed, or <c>kubelet.sock</c> re-created), after which a pool is served and
/// registered again.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class KubeletRegistration(string kubeletSocketPath, ILogger logger)
{
    /// <summary>Registers <paramref name="endpoint"/>; a kubelet that is down or refuses is logged and retried by the next check.</summary>
    public async Task RegisterAsync(PluginEndpoint endpoint, CancellationToken cancellationToken)
    {
        DateTime? stamp = KubeletSocketStamp();
        if (stamp is null)
        {
            endpoint.RegisteredWith = null;
            DevicePluginLog.RegistrationFailed(logger, endpoint.Pool.FullName, kubeletSocketPath, "the kubelet socket does not exist (is the kubelet running?)");
            return;
        }

        try
        {
            using var channel = UnixSocketChannel.Create(kubeletSocketPath);
            var client = new Registration.RegistrationClient(channel);
            await client.RegisterAsync(
                new RegisterRequest
                {
                    Version = "v1beta1",
                    Endpoint = endpoint.Pool.SocketName,
                    ResourceName = endpoint.Pool.FullName,
                    Options = DevicePluginService.Options,
                },
                deadline: DateTime.UtcNow.AddSeconds(10),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            endpoint.RegisteredWith = stamp;
            DevicePluginLog.Registered(logger, endpoint.Pool.FullName, kubeletSocketPath);
        }
        catch (Grpc.Core.RpcException e)
        {
            endpoint.RegisteredWith = null;
            DevicePluginLog.RegistrationFailed(logger, endpoint.Pool.FullName, kubeletSocketPath, $"{e.StatusCode}: {e.Status.Detail}");
        }
    }

    /// <summary>
    /// Brings each served entry back in line with the kubelet: a removed socket means a new server (through
    /// <paramref name="serveAgain"/>), a new <c>kubelet.sock</c> or a registration that failed means registering again.
    /// </summary>
    public async Task CheckAsync(IEnumerable<PoolEntry> entries, Func<PoolEntry, CancellationToken, Task> serveAgain, CancellationToken cancellationToken)
    {
        foreach (PoolEntry entry in entries)
        {
            if (entry.Endpoint is not { } endpoint)
            {
                continue;
            }

            if (!endpoint.SocketExists)
            {
                DevicePluginLog.KubeletRestarted(logger, endpoint.SocketPath, "was removed", entry.Pool.FullName);
                await endpoint.DisposeAsync().ConfigureAwait(false);
                entry.Endpoint = null;
                await serveAgain(entry, cancellationToken).ConfigureAwait(false);
                continue;
            }

            DateTime? stamp = KubeletSocketStamp();
            if (stamp is not null && endpoint.RegisteredWith != stamp)
            {
                if (endpoint.RegisteredWith is not null)
                {
                    DevicePluginLog.KubeletRestarted(logger, kubeletSocketPath, "was re-created", entry.Pool.FullName);
                }

                await RegisterAsync(endpoint, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private DateTime? KubeletSocketStamp()
    {
        // A restarted kubelet binds a new socket: a new file with a new modification time (nanoseconds on Linux).
        var info = new FileInfo(kubeletSocketPath);
        return info.Exists ? info.LastWriteTimeUtc : null;
    }
}
