using Dragline.Ipam.Etcd;
using Dragline.Ipam.Store;
using Dragline.Ipam.Stores;
using Dragline.Ipam.Tests.Store;

namespace Dragline.Ipam.IntegrationTests;

public sealed class StateStoreFactoryTests
{
    [Fact]
    public async Task Open_Sqlite_CreatesTheFileAndWorks()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "state.db");
        await using (IStateStore store = StateStoreFactory.Open("sqlite:" + path))
        {
            Assert.IsType<SqliteStore>(store);
            await store.PutAsync("Namespace", "", "default", "{}", cancellationToken: TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Open_Etcd_UsesTheEndpointsAndPrefix()
    {
        await using IStateStore store = StateStoreFactory.Open("etcd://127.0.0.1:1,127.0.0.1:2/site-a");
        Assert.IsType<EtcdStore>(store);
    }

    [Fact]
    public void Open_UnknownScheme_NamesItAndTheSupportedOnes()
    {
        Dragline.Core.DraglineException error = Assert.Throws<Dragline.Core.DraglineException>(() => StateStoreFactory.Open("redis://localhost"));
        Assert.Contains("'redis'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:", error.Message, StringComparison.Ordinal);
    }
}
