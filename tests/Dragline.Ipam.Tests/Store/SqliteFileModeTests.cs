using System.Runtime.Versioning;
using Dragline.Ipam.Store;

namespace Dragline.Ipam.Tests.Store;

/// <summary>The store file and its -wal and -shm files are 0600: new ones are created so, old ones are tightened.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SqliteFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory _dir = new();

    private string DbPath => Path.Combine(_dir.Path, "ipam.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Open_CreatesTheFileAndItsWalAndShmOwnerOnly()
    {
        await using (SqliteStore store = SqliteStore.Open(DbPath))
        {
            await store.PutAsync("Node", "", "node-1", "{}");
            Assert.True(File.Exists(DbPath + "-wal"), "WAL mode should have made a -wal file");
            Assert.True(File.Exists(DbPath + "-shm"), "WAL mode should have made a -shm file");
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DbPath));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DbPath + "-wal"));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DbPath + "-shm"));
        }
    }

    [Fact]
    public async Task Open_TightensAnExistingWorldReadableStoreAndKeepsItsData()
    {
        await using (SqliteStore store = SqliteStore.Open(DbPath))
        {
            await store.PutAsync("Node", "", "node-1", "{}");
        }

        // What an older Dragline left: 0644 everywhere (a -wal of the last run may be there too).
        File.SetUnixFileMode(DbPath, WorldReadable);
        File.WriteAllBytes(DbPath + "-wal", []);
        File.SetUnixFileMode(DbPath + "-wal", WorldReadable);

        await using (SqliteStore store = SqliteStore.Open(DbPath))
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DbPath));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DbPath + "-wal"));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(DbPath + "-shm"));
            Assert.NotNull(await store.GetAsync("Node", "", "node-1"));
        }
    }
}
