using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dragline.Ipam.Store;

/// <summary>
/// The allocation records (<c>allocations</c>) and each pool's version counter (<c>pools</c>) of a
/// <see cref="SqliteStore"/>. Conditions are checked per record, in the statements themselves where they can be;
/// the version only tells the engine whether its copy of a pool is current. Callers hold the connection
/// (<see cref="SqliteDatabase.RunAsync"/>).
/// </summary>
internal sealed class SqliteAllocationTable(SqliteDatabase database)
{
    private const string RecordColumns = "ip, pod_namespace, pod_name, pod_uid, container_id, interface, node, allocated_at, network";

    public PoolAllocations ReadPool(string pool)
    {
        // One read transaction so records and version agree.
        using SqliteTransaction tx = database.Begin(deferred: true);
        StoreVersion version = ReadVersion(tx, pool);
        var records = new Dictionary<string, AllocationRecord>(StringComparer.Ordinal);
        using (SqliteCommand command = database.Command(tx, $"SELECT {RecordColumns} FROM allocations WHERE pool = $pool"))
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

    public PoolChanges ReadPoolChanges(string pool, StoreVersion known)
    {
        // One statement (its own read transaction) answers the common case: nothing changed.
        if (ReadVersion(null, pool) == known)
        {
            return PoolChanges.Unchanged(known);
        }

        using SqliteTransaction tx = database.Begin(deferred: true);
        StoreVersion version = ReadVersion(tx, pool);

        var records = new Dictionary<string, AllocationRecord>(StringComparer.Ordinal);
        SqliteCommand command = database.Prepared(tx, "SELECT " + RecordColumns + " FROM allocations WHERE pool = $pool", "$pool");
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

    public CommitResult Commit(string pool, IReadOnlyList<AllocationChange> changes)
    {
        using SqliteTransaction tx = database.Begin(deferred: false);
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
            if (Apply(tx, pool, change) is { } conflict)
            {
                conflicts.Add(conflict);
            }
        }

        if (conflicts.Count > 0)
        {
            StoreVersion current = ReadVersion(tx, pool);
            tx.Rollback();
            return CommitResult.Conflict(current, conflicts);
        }

        SqliteCommand bump = database.Prepared(tx, "INSERT INTO pools(pool, version) VALUES ($pool, 1) ON CONFLICT(pool) DO UPDATE SET version = version + 1 RETURNING version", "$pool");
        bump.Parameters[0].Value = pool;
        long bumped = Convert.ToInt64(bump.ExecuteScalar(), CultureInfo.InvariantCulture);
        tx.Commit();
        return CommitResult.Committed(VersionToken(bumped), bumped == 1 ? StoreVersion.None : VersionToken(bumped - 1));
    }

    public List<OwnedAllocation> FindByOwner(string identityKey)
    {
        var found = new List<OwnedAllocation>();
        SqliteCommand command = database.Prepared(null, "SELECT pool, " + RecordColumns + " FROM allocations WHERE identity = $identity ORDER BY pool, ip", "$identity");
        command.Parameters[0].Value = identityKey;
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            found.Add(new OwnedAllocation(reader.GetString(0), ReadRecord(reader, 1)));
        }

        return found;
    }

    public List<string> ListPools()
    {
        var pools = new List<string>();
        using SqliteCommand command = database.Command(null, "SELECT pool FROM pools ORDER BY pool");
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            pools.Add(reader.GetString(0));
        }

        return pools;
    }

    /// <summary>Applies one change under its condition; the conflict when the condition does not hold, else null.</summary>
    private RecordConflict? Apply(SqliteTransaction tx, string pool, AllocationChange change)
    {
        switch (change.Kind)
        {
            case AllocationChangeKind.Reserve:
                return InsertRecord(tx, pool, change.Record!) == 0 ? new RecordConflict(change, ReadRecord(tx, pool, change.Ip)) : null;
            case AllocationChangeKind.Release:
                SqliteCommand delete = database.Prepared(tx,
                    "DELETE FROM allocations WHERE pool = $pool AND ip = $ip AND identity = $identity AND container_id = $cid AND interface = $if",
                    "$pool", "$ip", "$identity", "$cid", "$if");
                delete.Parameters[0].Value = pool;
                delete.Parameters[1].Value = change.Ip;
                delete.Parameters[2].Value = change.ExpectedOwner!.IdentityKey;
                delete.Parameters[3].Value = change.ExpectedOwner.ContainerId;
                delete.Parameters[4].Value = change.ExpectedOwner.Interface;

                // Nothing deleted: someone else's attachment holds it (a conflict), or nobody does (a no-op).
                return delete.ExecuteNonQuery() == 0 ? AllocationConditions.Check(change, ReadRecord(tx, pool, change.Ip)) : null;
            default:
                if (AllocationConditions.Check(change, ReadRecord(tx, pool, change.Ip)) is { } conflict)
                {
                    return conflict;
                }

                WriteRecord(tx, pool, change.Record!);
                return null;
        }
    }

    private StoreVersion ReadVersion(SqliteTransaction? tx, string pool)
    {
        SqliteCommand command = database.Prepared(tx, "SELECT version FROM pools WHERE pool = $pool", "$pool");
        command.Parameters[0].Value = pool;
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? StoreVersion.None : VersionToken(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    private static StoreVersion VersionToken(long version) => new(version.ToString(CultureInfo.InvariantCulture));

    private AllocationRecord? ReadRecord(SqliteTransaction tx, string pool, string ip)
    {
        SqliteCommand command = database.Prepared(tx, "SELECT " + RecordColumns + " FROM allocations WHERE pool = $pool AND ip = $ip", "$pool", "$ip");
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
        SqliteCommand command = database.Prepared(tx,
            "INSERT INTO allocations(pool, ip, identity, pod_namespace, pod_name, pod_uid, container_id, interface, node, allocated_at, network) " +
            "VALUES ($pool, $ip, $identity, $ns, $name, $uid, $cid, $if, $node, $at, $network) ON CONFLICT(pool, ip) DO NOTHING",
            "$pool", "$ip", "$identity", "$ns", "$name", "$uid", "$cid", "$if", "$node", "$at", "$network");
        BindRecord(command, pool, record);
        return command.ExecuteNonQuery();
    }

    private void WriteRecord(SqliteTransaction tx, string pool, AllocationRecord record)
    {
        SqliteCommand command = database.Prepared(tx,
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
}
