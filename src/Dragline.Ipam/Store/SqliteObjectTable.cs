using Microsoft.Data.Sqlite;

namespace Dragline.Ipam.Store;

/// <summary>
/// The standalone objects (<c>objects</c>) of a <see cref="SqliteStore"/>: JSON by kind, namespace and name. Every
/// write appends to the <see cref="SqliteChangeLog"/> in the same transaction and takes its revision as the
/// object's resource version. Callers hold the connection (<see cref="SqliteDatabase.RunAsync"/>).
/// </summary>
internal sealed class SqliteObjectTable(SqliteDatabase database, SqliteChangeLog log)
{
    private const string ObjectColumns = "kind, namespace, name, json, resource_version";

    public StoredObject? Get(string kind, string @namespace, string name) => Read(null, kind, @namespace, name);

    public ObjectList List(string kind, string? @namespace)
    {
        using SqliteTransaction tx = database.Begin(deferred: true);
        var items = new List<StoredObject>();
        using (SqliteCommand command = database.Command(tx, @namespace is null
            ? $"SELECT {ObjectColumns} FROM objects WHERE kind = $kind ORDER BY namespace, name"
            : $"SELECT {ObjectColumns} FROM objects WHERE kind = $kind AND namespace = $namespace ORDER BY name"))
        {
            command.Parameters.AddWithValue("$kind", kind);
            if (@namespace is not null)
            {
                command.Parameters.AddWithValue("$namespace", @namespace);
            }

            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                items.Add(Read(reader));
            }
        }

        long revision = log.CurrentRevision(tx);
        tx.Commit();
        return new ObjectList(items, revision);
    }

    public long Put(string kind, string @namespace, string name, string json, long? expectedResourceVersion)
    {
        using SqliteTransaction tx = database.Begin(deferred: false);
        StoredObject? current = Read(tx, kind, @namespace, name);
        if (expectedResourceVersion is { } expected && expected != (current?.ResourceVersion ?? 0))
        {
            throw StoreErrors.ObjectConflict(kind, @namespace, name, expected, current?.ResourceVersion);
        }

        long revision = log.Append(tx, ObjectChangeType.Put, kind, @namespace, name, json);
        using (SqliteCommand upsert = database.Command(tx,
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

    public bool Delete(string kind, string @namespace, string name, long? expectedResourceVersion)
    {
        using SqliteTransaction tx = database.Begin(deferred: false);
        StoredObject? current = Read(tx, kind, @namespace, name);
        if (current is null)
        {
            tx.Rollback();
            return false;
        }

        if (expectedResourceVersion is { } expected && expected != current.ResourceVersion)
        {
            throw StoreErrors.ObjectConflict(kind, @namespace, name, expected, current.ResourceVersion);
        }

        log.Append(tx, ObjectChangeType.Delete, kind, @namespace, name, current.Json);
        using (SqliteCommand delete = database.Command(tx, "DELETE FROM objects WHERE kind = $kind AND namespace = $namespace AND name = $name"))
        {
            delete.Parameters.AddWithValue("$kind", kind);
            delete.Parameters.AddWithValue("$namespace", @namespace);
            delete.Parameters.AddWithValue("$name", name);
            delete.ExecuteNonQuery();
        }

        tx.Commit();
        return true;
    }

    private StoredObject? Read(SqliteTransaction? tx, string kind, string @namespace, string name)
    {
        using SqliteCommand command = database.Command(tx, $"SELECT {ObjectColumns} FROM objects WHERE kind = $kind AND namespace = $namespace AND name = $name");
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$namespace", @namespace);
        command.Parameters.AddWithValue("$name", name);
        using SqliteDataReader reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static StoredObject Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
}
