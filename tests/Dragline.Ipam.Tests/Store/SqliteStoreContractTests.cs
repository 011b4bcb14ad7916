using Dragline.Ipam.Store;

namespace Dragline.Ipam.Tests.Store;

public sealed class SqliteStoreContractTests : IpamStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override ValueTask<IIpamStore> OpenAsync() =>
        ValueTask.FromResult<IIpamStore>(SqliteStore.Open(Path.Combine(_dir.Path, "ipam.db")));

    public void Dispose() => _dir.Dispose();
}

public sealed class SqliteObjectStoreContractTests : ObjectStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    protected override ValueTask<IObjectStore> OpenObjectsAsync() =>
        ValueTask.FromResult<IObjectStore>(SqliteStore.Open(Path.Combine(_dir.Path, "ipam.db"), new SqliteStoreOptions { WatchPollInterval = TimeSpan.FromMilliseconds(20) }));

    public void Dispose() => _dir.Dispose();
}
