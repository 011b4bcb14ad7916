using System.Net.Sockets;
using Grpc.Net.Client;

namespace Dragline.DevicePlugin.Server;

/// <summary>gRPC channels to a unix socket (the kubelet's, or a plugin's in tests).</summary>
public static class UnixSocketChannel
{
    /// <summary>A channel whose every connection goes to <paramref name="socketPath"/>.</summary>
    public static GrpcChannel Create(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The authority is not used for routing over a unix socket; "localhost" is what the kubelet's own clients send.
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
