using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Dragline.Ipam.Store;

/// <summary>
/// The object change log (<c>object_log</c>) of a <see cref="SqliteStore"/>: every put and delete gets the next
/// revision, which is also the object's resource version. Watchers poll it, since other processes write the same
/// file and SQLite has no notification across processes. Only the newest <see cref="SqliteStoreOptions.ObjectLogRetention"/>
/// changes are kept; a watcher from before them must list again.
/// </summary>
internal sealed class SqliteChangeLog(SqliteDatabase database, SqliteStoreOptions options)
{
    /// <summary>Appends a change inside the writer's transaction and returns its revision, pruning what falls out of retention.</summary>
    public long Append(SqliteTransaction tx, ObjectChangeType type, string kind, string @namespace, string name, string json)
    {
        long revision;
        using (SqliteCommand insert = database.Command(tx,
            "INSERT INTO object_log(type, kind, namespace, name, json) VALUES ($type, $kind, $namespace, $name, $json) RETURNING revision"))
        {
            insert.Parameters.AddWithValue("$type", (int)type);
            insert.Parameters.AddWithValue("$kind", kind);
            insert.Parameters.AddWithValue("$namespace", @namespace);
            insert.Parameters.AddWithValue("$name", name);
            insert.Parameters.AddWithValue("$json", json);
            revision = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        long pruneThrough = revision - options.ObjectLogRetention;
        if (pruneThrough > 0)
        {
            using SqliteCommand prune = database.Command(tx,
                "DELETE FROM object_log WHERE revision <= $through; " +
                "INSERT INTO meta(key, value) VALUES ('object_log_pruned_through', $through) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            prune.Parameters.AddWithValue("$through", pruneThrough);
            prune.ExecuteNonQuery();
        }

        return revision;
    }

    /// <summary>The newest revision handed out (0 when none), read inside <paramref name="tx"/> so a list and its revision agree.</summary>
    public long CurrentRevision(SqliteTransaction tx) =>
        Convert.ToInt64(database.Scalar(tx, "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'object_log'), 0)"), CultureInfo.InvariantCulture);

    public async IAsyncEnumerable<ObjectChange> WatchAsync(string kind, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        long seen = afterRevision;
        while (true)
        {
            long after = seen;
            List<ObjectChange> batch = await database.RunAsync(() => Read(kind, after), cancellationToken).ConfigureAwait(false);
            foreach (ObjectChange change in batch)
            {
                seen = change.Revision;
                yield return change;
            }

            if (batch.Count == 0)
            {
                await Task.Delay(options.WatchPollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private List<ObjectChange> Read(string kind, long after)
    {
        using SqliteTransaction tx = database.Begin(deferred: true);
        long prunedThrough = Convert.ToInt64(database.Scalar(tx, "SELECT value FROM meta WHERE key = 'object_log_pruned_through'") ?? 0L, CultureInfo.InvariantCulture);
        if (after < prunedThrough)
        {
            throw StoreErrors.WatchCompacted(kind, after, prunedThrough + 1);
        }

        var changes = new List<ObjectChange>();
        using (SqliteCommand command = database.Command(tx,
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
}
