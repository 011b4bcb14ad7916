using System.Globalization;
using System.Runtime.CompilerServices;
using Dragline.Core;
using Microsoft.Data.Sqlite;

namespace Dragline.Ipam.Store;

/// <summary>
/// Allocation records and standalone objects in one SQLite file: WAL journal, <c>synchronous=NORMAL</c>
/// by default (a committed allocation survives the agent's crash; see <see cref="SqliteStoreOptions.Durability"/>
/// for power loss), and every write in a <c>BEGIN IMMEDIATE</c> transaction so several agents (processes) on one
/// host can share the file. Conditions are per record; the pool version is a counter the engine uses to keep its
/// copy of a pool current (<see cref="IPoolChangeReader"/>): an unchanged pool costs one small read per batch.
/// </summary>
public sealed class SqliteStore : IStateStore, IPoolChangeReader
{
    /// <summary>The schema this code writes; a file with a newer one is refused.</summary>
    public const int SchemaVersion = 2;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SqliteStoreOptions _options;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    private SqliteStore(SqliteConnection connection, SqliteStoreOptions options, string path)
    {
        _connection = connection;
        _options = options;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public bool ConditionsArePerRecord => true;

    public int MaxChangesPerCommit => 1000;

    /// <summary>Open (creating if needed) the store at <paramref name="path"/>; its directory must exist.</summary>
    public static SqliteStore Open(string path, SqliteStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new SqliteStoreOptions();
        string full = System.IO.Path.GetFullPath(path);
        string? directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new DraglineException(DraglineErrorReason.NotFound,
                $"cannot open the SQLite store '{full}': directory '{directory}' does not exist; create it or pick another path");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            Execute(connection, null, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}");
            string mode = Convert.ToString(Scalar(connection, null, "PRAGMA journal_mode = WAL"), CultureInfo.InvariantCulture) ?? "";
            if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new DraglineException(DraglineErrorReason.Unavailable,
                    $"the SQLite store '{full}' cannot use the WAL journal (got '{mode}'); put it on a local file system");
            }

            Execute(connection, null, options.Durability == SqliteDurability.PowerLoss ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            Migrate(connection, full);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new DraglineException(DraglineErrorReason.Unavailable, $"cannot open the SQLite store '{full}': {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteStore(connection, options, full);
    }

    public async ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One read transaction so records and version agree.
            using SqliteTransaction tx = _connection.BeginTransaction(deferred: true);
            StoreVersion version = ReadVersion(tx, pool);
            var records = new Dictionary<string, AllocationRecord>(StringComparer.Ordinal);
            using (SqliteCommand command = Command(tx, $"SELECT {RecordColumns} FROM allocations WHERE pool = $pool"))
            {
                command.Parameters.AddWithValue("$pool", pool);
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    AllocationRecord record = ReadRecord(reader);
                    records[record.Ip] = record;
                }
            }

            tx.Commit();
            return new PoolAllocations(pool, version, records);
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<PoolChanges> ReadPoolChangesAsync(string pool, StoreVersion known, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One statement (its own read transaction) answers the common case: nothing changed.
            if (ReadVersion(null, pool) == known)
            {
                return PoolChanges.Unchanged(known);
            }

            using SqliteTransaction tx = _connection.BeginTransaction(deferred: true);
            StoreVersion version = ReadVersion(tx, pool);

            var records = new Dictionary<string, AllocationRecord>(StringComparer.Ordinal);
            SqliteCommand command = Prepared(tx, "SELECT " + RecordColumns + " FROM allocations WHERE pool = $pool", "$pool");
            command.Parameters[0].Value = pool;
            using (SqliteDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    AllocationRecord record = ReadRecord(reader);
                    records[record.Ip] = record;
                }
            }

            tx.Commit();
            return PoolChanges.Snapshot(new PoolAllocations(pool, version, records));
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
    {
        StoreErrors.ValidateChanges(pool, changes);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction(deferred: false);
            if (changes.Count == 0)
            {
                StoreVersion unchanged = ReadVersion(tx, pool);
                tx.Commit();
                return CommitResult.Committed(unchanged);
            }

            // Each change is applied with its condition in the statement itself (one statement per change when it holds);
            // the record is read only to report a conflict. Any conflict rolls the whole transaction back.
            var conflicts = new List<RecordConflict>();
            foreach (AllocationChange change in changes)
            {
                switch (change.Kind)
                {
                    case AllocationChangeKind.Reserve:
                        if (InsertRecord(tx, pool, change.Record!) == 0)
                        {
                            conflicts.Add(new RecordConflict(change, ReadRecord(tx, pool, change.Ip)));
                        }

                        break;
                    case AllocationChangeKind.Release:
                        SqliteCommand delete = Prepared(tx,
                            "DELETE FROM allocations WHERE pool = $pool AND ip = $ip AND identity = $identity AND container_id = $cid AND interface = $if",
                            "$pool", "$ip", "$identity", "$cid", "$if");
                        delete.Parameters[0].Value = pool;
                        delete.Parameters[1].Value = change.Ip;
                        delete.Parameters[2].Value = change.ExpectedOwner!.IdentityKey;
                        delete.Parameters[3].Value = change.ExpectedOwner.ContainerId;
                        delete.Parameters[4].Value = change.ExpectedOwner.Interface;
                        if (delete.ExecuteNonQuery() == 0 && AllocationConditions.Check(change, ReadRecord(tx, pool, change.Ip)) is { } held)
                        {
                            conflicts.Add(held); // Someone else's attachment holds it; nobody holding it is a no-op.
                        }

                        break;
                    default:
                        if (AllocationConditions.Check(change, ReadRecord(tx, pool, change.Ip)) is { } conflict)
                        {
                            conflicts.Add(conflict);
                        }
                        else
                        {
                            WriteRecord(tx, pool, change.Record!);
                        }

                        break;
                }
            }

            if (conflicts.Count > 0)
            {
                StoreVersion current = ReadVersion(tx, pool);
                tx.Rollback();
                return CommitResult.Conflict(current, conflicts);
            }

            SqliteCommand bump = Prepared(tx, "INSERT INTO pools(pool, version) VALUES ($pool, 1) ON CONFLICT(pool) DO UPDATE SET version = version + 1 RETURNING version", "$pool");
            bump.Parameters[0].Value = pool;
            long bumped = Convert.ToInt64(bump.ExecuteScalar(), CultureInfo.InvariantCulture);
            tx.Commit();
            return CommitResult.Committed(VersionToken(bumped), bumped == 1 ? StoreVersion.None : VersionToken(bumped - 1));
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityKey);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var found = new List<OwnedAllocation>();
            SqliteCommand command = Prepared(null, "SELECT pool, " + RecordColumns + " FROM allocations WHERE identity = $identity ORDER BY pool, ip", "$identity");
            command.Parameters[0].Value = identityKey;
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new OwnedAllocation(reader.GetString(0), ReadRecord(reader, 1)));
            }

            return found;
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pools = new List<string>();
            using SqliteCommand command = Command(null, "SELECT pool FROM pools ORDER BY pool");
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                pools.Add(reader.GetString(0));
            }

            return pools;
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<StoredObject?> GetAsync(string kind, string @namespace, string name, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return ReadObject(null, kind, @namespace, name);
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<ObjectList> ListAsync(string kind, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction(deferred: true);
            var items = new List<StoredObject>();
            using (SqliteCommand command = Command(tx, @namespace is null
                ? "SELECT kind, namespace, name, json, resource_version FROM objects WHERE kind = $kind ORDER BY namespace, name"
                : "SELECT kind, namespace, name, json, resource_version FROM objects WHERE kind = $kind AND namespace = $namespace ORDER BY name"))
            {
                command.Parameters.AddWithValue("$kind", kind);
                if (@namespace is not null)
                {
                    command.Parameters.AddWithValue("$namespace", @namespace);
                }

                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    items.Add(ReadObject(reader));
                }
            }

            long revision = CurrentObjectRevision(tx);
            tx.Commit();
            return new ObjectList(items, revision);
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<long> PutAsync(string kind, string @namespace, string name, string json, long? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(json);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction(deferred: false);
            StoredObject? current = ReadObject(tx, kind, @namespace, name);
            if (expectedResourceVersion is { } expected && expected != (current?.ResourceVersion ?? 0))
            {
                throw StoreErrors.ObjectConflict(kind, @namespace, name, expected, current?.ResourceVersion);
            }

            long revision = AppendLog(tx, ObjectChangeType.Put, kind, @namespace, name, json);
            using (SqliteCommand upsert = Command(tx,
                "INSERT INTO objects(kind, namespace, name, json, resource_version) VALUES ($kind, $namespace, $name, $json, $rv) " +
                "ON CONFLICT(kind, namespace, name) DO UPDATE SET json = excluded.json, resource_version = excluded.resource_version"))
            {
                upsert.Parameters.AddWithValue("$kind", kind);
                upsert.Parameters.AddWithValue("$namespace", @namespace);
                upsert.Parameters.AddWithValue("$name", name);
                upsert.Parameters.AddWithValue("$json", json);
                upsert.Parameters.AddWithValue("$rv", revision);
                upsert.ExecuteNonQuery();
            }

            tx.Commit();
            return revision;
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask<bool> DeleteAsync(string kind, string @namespace, string name, long? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction(deferred: false);
            StoredObject? current = ReadObject(tx, kind, @namespace, name);
            if (current is null)
            {
                tx.Rollback();
                return false;
            }

            if (expectedResourceVersion is { } expected && expected != current.ResourceVersion)
            {
                throw StoreErrors.ObjectConflict(kind, @namespace, name, expected, current.ResourceVersion);
            }

            AppendLog(tx, ObjectChangeType.Delete, kind, @namespace, name, current.Json);
            using (SqliteCommand delete = Command(tx, "DELETE FROM objects WHERE kind = $kind AND namespace = $namespace AND name = $name"))
            {
                delete.Parameters.AddWithValue("$kind", kind);
                delete.Parameters.AddWithValue("$namespace", @namespace);
                delete.Parameters.AddWithValue("$name", name);
                delete.ExecuteNonQuery();
            }

            tx.Commit();
            return true;
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<ObjectChange> WatchAsync(string kind, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        long seen = afterRevision;
        while (true)
        {
            List<ObjectChange> batch = await ReadLogAsync(kind, seen, cancellationToken).ConfigureAwait(false);
            foreach (ObjectChange change in batch)
            {
                seen = change.Revision;
                yield return change;
            }

            if (batch.Count == 0)
            {
                await Task.Delay(_options.WatchPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (SqliteCommand command in _prepared.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            _prepared.Clear();
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    private const string RecordColumns = "ip, pod_namespace, pod_name, pod_uid, container_id, interface, node, allocated_at, network";

    private async ValueTask<List<ObjectChange>> ReadLogAsync(string kind, long after, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteTransaction tx = _connection.BeginTransaction(deferred: true);
            long prunedThrough = Convert.ToInt64(Scalar(_connection, tx, "SELECT value FROM meta WHERE key = 'object_log_pruned_through'") ?? 0L, CultureInfo.InvariantCulture);
            if (after < prunedThrough)
            {
                throw StoreErrors.WatchCompacted(kind, after, prunedThrough + 1);
            }

            var changes = new List<ObjectChange>();
            using (SqliteCommand command = Command(tx,
                "SELECT revision, type, kind, namespace, name, json FROM object_log WHERE revision > $after AND kind = $kind ORDER BY revision LIMIT 1000"))
            {
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$kind", kind);
                using SqliteDataReader reader = command.ExecuteReader();
                while (reader.Read())
                {
                    long revision = reader.GetInt64(0);
                    var stored = new StoredObject(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), revision);
                    changes.Add(new ObjectChange((ObjectChangeType)reader.GetInt32(1), stored, revision));
                }
            }

            tx.Commit();
            return changes;
        }
        catch (SqliteException ex)
        {
            throw Unavailable(ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private long AppendLog(SqliteTransaction tx, ObjectChangeType type, string kind, string @namespace, string name, string json)
    {
        long revision;
        using (SqliteCommand insert = Command(tx,
            "INSERT INTO object_log(type, kind, namespace, name, json) VALUES ($type, $kind, $namespace, $name, $json) RETURNING revision"))
        {
            insert.Parameters.AddWithValue("$type", (int)type);
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$namespace", @namespace);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$json", json);
            revision = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        long pruneThrough = revision - _options.ObjectLogRetention;
        if (pruneThrough > 0)
        {
            using SqliteCommand prune = Command(tx,
                "DELETE FROM object_log WHERE revision <= $through; " +
                "INSERT INTO meta(key, value) VALUES ('object_log_pruned_through', $through) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            prune.Parameters.AddWithValue("$through", pruneThrough);
            prune.ExecuteNonQuery();
        }

        return revision;
    }

    private static long CurrentObjectRevision(SqliteTransaction tx) =>
        Convert.ToInt64(Scalar(tx.Connection!, tx, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'object_log'), 0)"), CultureInfo.InvariantCulture);

    private StoredObject? ReadObject(SqliteTransaction? tx, string kind, string @namespace, string name)
    {
        using SqliteCommand command = Command(tx,
            "SELECT kind, namespace, name, json, resource_version FROM objects WHERE kind = $kind AND namespace = $namespace AND name = $name");
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$namespace", @namespace);
        command.Parameters.AddWithValue("$name", name);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadObject(reader) : null;
    }

    private static StoredObject ReadObject(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));

    private StoreVersion ReadVersion(SqliteTransaction? tx, string pool)
    {
        SqliteCommand command = Prepared(tx, "SELECT version FROM pools WHERE pool = $pool", "$pool");
        command.Parameters[0].Value = pool;
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? StoreVersion.None : VersionToken(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    private static StoreVersion VersionToken(long version) => new(version.ToString(CultureInfo.InvariantCulture));

    private AllocationRecord? ReadRecord(SqliteTransaction tx, string pool, string ip)
    {
        SqliteCommand command = Prepared(tx, "SELECT " + RecordColumns + " FROM allocations WHERE pool = $pool AND ip = $ip", "$pool", "$ip");
        command.Parameters[0].Value = pool;
        command.Parameters[1].Value = ip;
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    private static AllocationRecord ReadRecord(SqliteDataReader reader, int first = 0)
    {
        var owner = new AllocationOwner(
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            reader.GetString(first + 3),
            reader.GetString(first + 4),
            reader.GetString(first + 5),
            reader.GetString(first + 6))
        {
            Network = reader.GetString(first + 8),
        };
        return new AllocationRecord(reader.GetString(first), owner, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(first + 7)));
    }

    /// <summary>Insert <paramref name="record"/> unless its address is held; returns 1 when inserted, 0 when held.</summary>
    private int InsertRecord(SqliteTransaction tx, string pool, AllocationRecord record)
    {
        SqliteCommand command = Prepared(tx,
            "INSERT INTO allocations(pool, ip, identity, pod_namespace, pod_name, pod_uid, container_id, interface, node, allocated_at, network) " +
            "VALUES ($pool, $ip, $identity, $ns, $name, $uid, $cid, $if, $node, $at, $network) ON CONFLICT(pool, ip) DO NOTHING",
            "$pool", "$ip", "$identity", "$ns", "$name", "$uid", "$cid", "$if", "$node", "$at", "$network");
        BindRecord(command, pool, record);
        return command.ExecuteNonQuery();
    }

    private void WriteRecord(SqliteTransaction tx, string pool, AllocationRecord record)
    {
        SqliteCommand command = Prepared(tx,
            "INSERT INTO allocations(pool, ip, identity, pod_namespace, pod_name, pod_uid, container_id, interface, node, allocated_at, network) " +
            "VALUES ($pool, $ip, $identity, $ns, $name, $uid, $cid, $if, $node, $at, $network) " +
            "ON CONFLICT(pool, ip) DO UPDATE SET identity = excluded.identity, pod_namespace = excluded.pod_namespace, pod_name = excluded.pod_name, " +
            "pod_uid = excluded.pod_uid, container_id = excluded.container_id, interface = excluded.interface, node = excluded.node, allocated_at = excluded.allocated_at, network = excluded.network",
            "$pool", "$ip", "$identity", "$ns", "$name", "$uid", "$cid", "$if", "$node", "$at", "$network");
        BindRecord(command, pool, record);
        command.ExecuteNonQuery();
    }

    private static void BindRecord(SqliteCommand command, string pool, AllocationRecord record)
    {
        SqliteParameterCollection p = command.Parameters;
        p[0].Value = pool;
        p[1].Value = record.Ip;
        p[2].Value = record.Owner.IdentityKey;
        p[3].Value = record.Owner.PodNamespace;
        p[4].Value = record.Owner.PodName;
        p[5].Value = record.Owner.PodUid;
        p[6].Value = record.Owner.ContainerId;
        p[7].Value = record.Owner.Interface;
        p[8].Value = record.Owner.Node;
        p[9].Value = record.AllocatedAt.ToUnixTimeMilliseconds();
        p[10].Value = record.Owner.Network;
    }

    /// <summary>
    /// A command kept for the connection's lifetime (SQLite compiles its statement once, not per call), bound to
    /// <paramref name="tx"/>. Only used under <see cref="_gate"/>; the caller sets the parameters by position.
    /// </summary>
    private SqliteCommand Prepared(SqliteTransaction? tx, string sql, params string[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out SqliteCommand? command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            _prepared.Add(sql, command);
        }

        command.Transaction = tx;
        return command;
    }

    private SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    private static void Migrate(SqliteConnection connection, string path)
    {
        using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
        long version = Convert.ToInt64(Scalar(connection, tx, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"the SQLite store '{path}' has schema version {version}, newer than this Dragline understands ({SchemaVersion}); upgrade Dragline or use another file");
        }

        if (version < 1)
        {
            Execute(connection, tx, """
                CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS pools(pool TEXT PRIMARY KEY, version INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS allocations(
                    pool TEXT NOT NULL, ip TEXT NOT NULL, identity TEXT NOT NULL,
                    pod_namespace TEXT NOT NULL, pod_name TEXT NOT NULL, pod_uid TEXT NOT NULL,
                    container_id TEXT NOT NULL, interface TEXT NOT NULL, node TEXT NOT NULL,
                    allocated_at INTEGER NOT NULL,
                    PRIMARY KEY(pool, ip));
                CREATE INDEX IF NOT EXISTS allocations_by_identity ON allocations(identity);
                CREATE TABLE IF NOT EXISTS objects(
                    kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                    json TEXT NOT NULL, resource_version INTEGER NOT NULL,
                    PRIMARY KEY(kind, namespace, name));
                CREATE TABLE IF NOT EXISTS object_log(
                    revision INTEGER PRIMARY KEY AUTOINCREMENT, type INTEGER NOT NULL,
                    kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS object_log_by_kind ON object_log(kind, revision);
                PRAGMA user_version = 1;
                """);
        }

        if (version < 2)
        {
            // Version 2: records say which CNI network made them; older records are '' (unknown, never garbage-collected).
            Execute(connection, tx, """
                ALTER TABLE allocations ADD COLUMN network TEXT NOT NULL DEFAULT '';
                PRAGMA user_version = 2;
                """);
        }

        tx.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private DraglineException Unavailable(SqliteException ex) =>
        new(DraglineErrorReason.Unavailable, $"the SQLite store '{Path}' failed: {ex.Message}", ex);
}
