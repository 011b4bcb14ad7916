using Dragline.Ipam.Store;
using Microsoft.Data.Sqlite;

namespace Dragline.Ipam.Tests.Store;

/// <summary>A store file written before records carried their network (schema version 1) opens and reads.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task FailureMode19_AVersion1File_IsUpgraded_AndItsRecordsReadAsUnknownNetwork()
    {
        string path = Path.Combine(_dir.Path, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE pools(pool TEXT PRIMARY KEY, version INTEGER NOT NULL);
                CREATE TABLE allocations(
                    pool TEXT NOT NULL, ip TEXT NOT NULL, identity TEXT NOT NULL,
                    pod_namespace TEXT NOT NULL, pod_name TEXT NOT NULL, pod_uid TEXT NOT NULL,
                    container_id TEXT NOT NULL, interface TEXT NOT NULL, node TEXT NOT NULL,
                    allocated_at INTEGER NOT NULL,
                    PRIMARY KEY(pool, ip));
                CREATE INDEX allocations_by_identity ON allocations(identity);
                CREATE TABLE objects(kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                    json TEXT NOT NULL, resource_version INTEGER NOT NULL, PRIMARY KEY(kind, namespace, name));
                CREATE TABLE object_log(revision INTEGER PRIMARY KEY AUTOINCREMENT, type INTEGER NOT NULL,
                    kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL);
                INSERT INTO pools VALUES ('p', 1);
                INSERT INTO allocations VALUES ('p', '10.0.0.1', 'uid-a', 'default', 'a', 'uid-a', 'c1', 'eth0', 'node1', 0);
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        await using (SqliteStore store = SqliteStore.Open(path))
        {
            AllocationRecord old = (await store.ReadPoolAsync("p")).Records["10.0.0.1"];
            Assert.Equal("", old.Owner.Network);
            Assert.Equal("c1", old.Owner.ContainerId);

            PoolAllocations pool = await store.ReadPoolAsync("p");
            var tagged = new AllocationRecord("10.0.0.2", new AllocationOwner("default", "b", "uid-b", "c2", "eth0", "node1") { Network = "net-a" }, DateTimeOffset.UnixEpoch);
            Assert.True((await store.CommitAsync("p", pool.Version, [AllocationChange.Reserve(tagged)])).IsCommitted);
        }

        await using SqliteStore reopened = SqliteStore.Open(path);
        Assert.Equal("net-a", (await reopened.ReadPoolAsync("p")).Records["10.0.0.2"].Owner.Network);
    }
}
