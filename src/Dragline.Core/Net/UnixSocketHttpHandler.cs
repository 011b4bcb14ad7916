using System.Net.Sockets;

namespace Dragline.Core.Net;

/// <summary>
/// HTTP (and gRPC) clients of a server on a unix socket: the agent's IPAM API, the kubelet's registration
/// socket, a device plugin's socket. BCL only, so the NativeAOT CNI plugin can use it.
/// </summary>
public static class UnixSocketHttpHandler
{
    /// <summary>
    /// A handler whose every connection dials <paramref name="socketPath"/>; the host in request URIs is never
    /// resolved. Callers set timeouts, redirects and the like on the result.
    /// </summary>
    public static SocketsHttpHandler Create(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var endpoint = new UnixDomainSocketEndPoint(socketPath);
        return new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }
}
