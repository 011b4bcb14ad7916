using Dragline.Core.Net;
using Grpc.Net.Client;

namespace Dragline.DevicePlugin.Server;

/// <summary>gRPC channels to a unix socket (the kubelet's, or a plugin's in tests).</summary>
public static class UnixSocketChannel
{
    /// <summary>A channel whose every connection goes to <paramref name="socketPath"/>.</summary>
    public static GrpcChannel Create(string socketPath)
    {
        SocketsHttpHandler handler = UnixSocketHttpHandler.Create(socketPath);

        // The authority is not used for routing over a unix socket; "localhost" is what the kubelet's own clients send.
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
