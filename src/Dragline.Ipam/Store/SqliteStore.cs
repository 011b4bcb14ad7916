namespace Dragline.Ipam.Store;

/// <summary>
/// Allocation records and standalone objects in one SQLite file: WAL journal, <c>synchronous=NORMAL</c>
/// by default (a committed allocation survives the agent's crash; see <see cref="SqliteStoreOptions.Durability"/>
/// for power loss), and every write in a <c>BEGIN IMMEDIATE</c> transaction so several agents (processes) on one
/// host can share the file. Conditions are per record; the pool version is a counter the engine uses to keep its
/// copy of a pool current (<see cref="IPoolChangeReader"/>): an unchanged pool costs one small read per batch.
/// The file and its <c>-wal</c> and <c>-shm</c> files are kept at mode 0600 (<see cref="SqliteFilePermissions"/>).
/// </summary>
/// <remarks>
/// This class is the contract's face; the work is done by <see cref="SqliteDatabase"/> (the connection),
/// <see cref="SqliteSchema"/> (migrations), <see cref="SqliteAllocationTable"/>, <see cref="SqliteObjectTable"/> and
/// <see cref="SqliteChangeLog"/>. Each call holds the one connection for its whole transaction.
/// </remarks>
public sealed class SqliteStore : IStateStore, IPoolChangeReader
{
    /// <summary>The schema this code writes; a file with a newer one is refused.</summary>
    public const int SchemaVersion = SqliteSchema.Version;

    private readonly SqliteDatabase _database;
    private readonly SqliteAllocationTable _allocations;
    private readonly SqliteObjectTable _objects;
    private readonly SqliteChangeLog _log;

    private SqliteStore(SqliteDatabase database, SqliteStoreOptions options)
    {
        _database = database;
        _allocations = new SqliteAllocationTable(database);
        _log = new SqliteChangeLog(database, options);
        _objects = new SqliteObjectTable(database, _log);
    }

    /// <summary>The database file.</summary>
    public string Path => _database.Path;

    public bool ConditionsArePerRecord => true;

    public int MaxChangesPerCommit => 1000;

    /// <summary>Open (creating if needed) the store at <paramref name="path"/>; its directory must exist.</summary>
    public static SqliteStore Open(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteStoreOptions();
        return new SqliteStore(SqliteDatabase.Open(path, options), options);
    }

    public async ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        return await _database.RunAsync(() => _allocations.ReadPool(pool), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<PoolChanges> ReadPoolChangesAsync(string pool, StoreVersion known, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        return await _database.RunAsync(() => _allocations.ReadPoolChanges(pool, known), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
    {
        // The expected version is not checked: conditions are per record (ConditionsArePerRecord).
        StoreErrors.ValidateChanges(pool, changes);
        return await _database.RunAsync(() => _allocations.Commit(pool, changes), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityKey);
        return await _database.RunAsync(() => _allocations.FindByOwner(identityKey), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) =>
        await _database.RunAsync(_allocations.ListPools, cancellationToken).ConfigureAwait(false);

    public async ValueTask<StoredObject?> GetAsync(string kind, string @namespace, string name, CancellationToken cancellationToken = default) =>
        await _database.RunAsync(() => _objects.Get(kind, @namespace, name), cancellationToken).ConfigureAwait(false);

    public async ValueTask<ObjectList> ListAsync(string kind, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        return await _database.RunAsync(() => _objects.List(kind, @namespace), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> PutAsync(string kind, string @namespace, string name, string json, long? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(json);
        return await _database.RunAsync(() => _objects.Put(kind, @namespace, name, json, expectedResourceVersion), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> DeleteAsync(string kind, string @namespace, string name, long? expectedResourceVersion = null, CancellationToken cancellationToken = default) =>
        await _database.RunAsync(() => _objects.Delete(kind, @namespace, name, expectedResourceVersion), cancellationToken).ConfigureAwait(false);

    public IAsyncEnumerable<ObjectChange> WatchAsync(string kind, long afterRevision, CancellationToken cancellationToken = default) =>
        _log.WatchAsync(kind, afterRevision, cancellationToken);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
