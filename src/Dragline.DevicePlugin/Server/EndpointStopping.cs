namespace Dragline.DevicePlugin.Server;

/// <summary>Cancelled when one plugin endpoint stops, so its ListAndWatch streams end instead of holding the shutdown.</summary>
internal sealed class EndpointStopping : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    public void Stop() => _source.Cancel();

    public void Dispose() => _source.Dispose();
}
