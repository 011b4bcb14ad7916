using System.Net.Sockets;
using System.Security.Authentication;
using Grpc.Core;

namespace Dragline.Ipam.Etcd;

/// <summary>Recognises TLS refusals inside the exceptions gRPC wraps them in, so they can be reported as what they are.</summary>
internal static class EtcdTlsFailure
{
    /// <param name="ex">The failed call.</param>
    /// <param name="tls">Whether the channel uses TLS; a plain channel has no TLS to blame.</param>
    public static EtcdTlsFailureKind Classify(RpcException ex, bool tls)
    {
        if (!tls)
        {
            return EtcdTlsFailureKind.None;
        }

        bool connected = true;
        bool hungUpAtPreface = false;
        for (Exception? inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AuthenticationException:
                    return EtcdTlsFailureKind.ServerNotTrusted;
                case SocketException:
                    connected = false;
                    break;

                // With TLS 1.3 the server checks the client certificate after the client has finished its side of
                // the handshake, so etcd's refusal arrives as the connection closing before the HTTP/2 preface is
                // answered; the shape of that differs with timing (seen both ways against etcd 3.5).
                case HttpIOException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded }:
                case ObjectDisposedException { ObjectName: "System.Net.Security.SslStream" }:
                    hungUpAtPreface = true;
                    break;
            }
        }

        return connected && hungUpAtPreface ? EtcdTlsFailureKind.ClientRefused : EtcdTlsFailureKind.None;
    }

    /// <summary>The innermost message, which says what the handshake objected to.</summary>
    public static string Describe(RpcException ex)
    {
        Exception? inner = ex.Status.DebugException;
        while (inner?.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner?.Message ?? ex.Status.Detail;
    }
}
