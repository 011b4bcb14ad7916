using System.Globalization;
using Dragline.Core;
using Microsoft.Data.Sqlite;

namespace Dragline.Ipam.Store;

/// <summary>
/// The tables of <see cref="SqliteStore"/> and the migrations between their versions, kept in
/// <c>PRAGMA user_version</c>. A migration only ever adds: a file written by an older Dragline is brought
/// forward in one transaction, and a file from a newer one is refused rather than misread.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The schema this code writes.</summary>
    public const int Version = 2;

    public static void Migrate(SqliteConnection connection, string path)
    {
        using SqliteTransaction tx = connection.BeginTransaction(deferred: false);
        long version = Convert.ToInt64(SqliteDatabase.Scalar(connection, tx, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > Version)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"the SQLite store '{path}' has schema version {version}, newer than this Dragline understands ({Version}); upgrade Dragline or use another file");
        }

        if (version < 1)
        {
            SqliteDatabase.Execute(connection, tx, """
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
            SqliteDatabase.Execute(connection, tx, """
                ALTER TABLE allocations ADD COLUMN network TEXT NOT NULL DEFAULT '';
                PRAGMA user_version = 2;
                """);
        }

        tx.Commit();
    }
}
