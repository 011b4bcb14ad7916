using Dragline.Ipam.Store;
using Dragline.Testing.Ipam;

namespace Dragline.Ipam.Tests.Store;

public sealed class InMemoryPerRecordStoreContractTests : IpamStoreContractTests, IAsyncDisposable
{
    private readonly InMemoryIpamStore _store = new();

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    protected override ValueTask<IIpamStore> OpenAsync() => ValueTask.FromResult<IIpamStore>(_store);
}

public sealed class InMemoryWholePoolStoreContractTests : IpamStoreContractTests, IAsyncDisposable
{
    private readonly InMemoryIpamStore _store = new(wholePoolVersion: true);

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    protected override ValueTask<IIpamStore> OpenAsync() => ValueTask.FromResult<IIpamStore>(_store);
}

public sealed class InMemoryObjectStoreContractTests : ObjectStoreContractTests, IAsyncDisposable
{
    private readonly InMemoryObjectStore _store = new();

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    protected override ValueTask<IObjectStore> OpenObjectsAsync() => ValueTask.FromResult<IObjectStore>(_store);
}
