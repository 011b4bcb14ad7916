namespace Dragline.Cni.Tests;

/// <summary>A test double of a plugin: records the requests it gets and returns or throws what a test sets.</summary>
internal sealed class RecordingPlugin : ICniPlugin
{
    public List<CniRequest> Requests { get; } = [];

    public CniResult Result { get; set; } = new() { Ips = [new CniIpConfig { Address = "10.6.1.21/16", Gateway = "10.6.0.1" }], Dns = new CniDns() };

    public Exception? Throw { get; set; }

    public string Name => "test-plugin";

    public Task<CniResult> AddAsync(CniRequest request, CancellationToken cancellationToken) => Handle(request, Result);

    public Task DeleteAsync(CniRequest request, CancellationToken cancellationToken) => Handle(request, Result);

    public Task CheckAsync(CniRequest request, CancellationToken cancellationToken) => Handle(request, Result);

    public Task GarbageCollectAsync(CniRequest request, CancellationToken cancellationToken) => Handle(request, Result);

    public Task StatusAsync(CniRequest request, CancellationToken cancellationToken) => Handle(request, Result);

    private Task<CniResult> Handle(CniRequest request, CniResult result)
    {
        Requests.Add(request);
        return Throw is null ? Task.FromResult(result) : Task.FromException<CniResult>(Throw);
    }
}
