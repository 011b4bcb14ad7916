using System.Net.Sockets;

namespace Dragline.Agent.Tests;

/// <summary>A plain HttpClient over a unix socket, for requests the protocol client would never send.</summary>
internal static class UnixHttp
{
    public static HttpClient Client(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri("http://agent"),
        Timeout = TimeSpan.FromSeconds(30),
    };
}
