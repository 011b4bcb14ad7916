using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Dragline.Ipam.Etcd;

/// <summary>
/// Adds etcd's auth token (from the Authenticate RPC) to every call as the <c>token</c> header, which is where etcd
/// looks for it; calls made before a token exists (Authenticate itself) go without.
/// </summary>
internal sealed class EtcdTokenInterceptor : Interceptor
{
    private volatile string? _token;

    public string? Token
    {
        get => _token;
        set => _token = value;
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithToken(context));

    private ClientInterceptorContext<TRequest, TResponse> WithToken<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        string? token = _token;
        if (token is null)
        {
            return context;
        }

        var headers = new Metadata();
        if (context.Options.Headers is { } existing)
        {
            foreach (Metadata.Entry entry in existing)
            {
                headers.Add(entry);
            }
        }

        headers.Add("token", token);
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
