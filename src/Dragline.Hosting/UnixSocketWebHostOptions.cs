using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Dragline.Hosting;

/// <summary>What <see cref="UnixSocketWebHost"/> serves and how.</summary>
public sealed class UnixSocketWebHostOptions
{
    /// <summary>The socket file. Its directory is created 0700 when missing and refused when others can write to it.</summary>
    public required string SocketPath { get; init; }

    /// <summary>What the server is, for messages and the application name: "agent", "device plugin".</summary>
    public required string Name { get; init; }

    /// <summary>How a message tells the user to pick another path, e.g. "choose another --socket".</summary>
    public string ChangeHint { get; init; } = "choose another socket path";

    /// <summary>HTTP/1.1 for a JSON API, HTTP/2 for gRPC (cleartext, so the protocol must be fixed, not negotiated).</summary>
    public HttpProtocols Protocols { get; init; } = HttpProtocols.Http1;

    /// <summary>How long a stop waits for connections to close.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>More Kestrel settings: limits, an extra TCP listener.</summary>
    public Action<KestrelServerOptions>? ConfigureKestrel { get; init; }
}
