using Dragline.Ipam.Store;
using Dragline.Testing.Ipam;

namespace Dragline.Ipam.Tests.Store;

public sealed class InMemoryPerRecordStoreContractTests : IpamStoreContractTests
{
    private readonly InMemoryIpamStore _store = new();

    protected override ValueTask<IIpamStore> OpenAsync() => ValueTask.FromResult<IIpamStore>(_store);
}

public sealed class InMemoryWholePoolStoreContractTests : IpamStoreContractTests
{
    private readonly InMemoryIpamStore _store = new(wholePoolVersion: true);

    protected override ValueTask<IIpamStore> OpenAsync() => ValueTask.FromResult<IIpamStore>(_store);
}

public sealed class InMemoryObjectStoreContractTests : ObjectStoreContractTests
{
    private readonly InMemoryObjectStore _store = new();

    protected override ValueTask<IObjectStore> OpenObjectsAsync() => ValueTask.FromResult<IObjectStore>(_store);
}
