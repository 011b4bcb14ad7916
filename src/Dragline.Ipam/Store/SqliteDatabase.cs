using System.Globalization;
using Dragline.Core;
using Microsoft.Data.Sqlite;

namespace Dragline.Ipam.Store;

/// <summary>
/// The one connection of a <see cref="SqliteStore"/> and what every table needs from it: opening the file (mode 0600,
/// WAL, durability, schema), one caller at a time (a <see cref="SqliteConnection"/> is not thread-safe), statements
/// compiled once, and SQLite's errors turned into <see cref="DraglineException"/>s that name the file.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    private SqliteDatabase(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file, full path.</summary>
    public string Path { get; }

    /// <summary>Open (creating if needed) the file at <paramref name="path"/>; its directory must exist.</summary>
    public static SqliteDatabase Open(string path, SqliteStoreOptions options)
    {
        string full = System.IO.Path.GetFullPath(path);
        string? directory = System.IO.Path.GetDirectoryName(full);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new DraglineException(DraglineErrorReason.NotFound,
                $"cannot open the SQLite store '{full}': directory '{directory}' does not exist; create it or pick another path");
        }

        SqliteFilePermissions.Prepare(full);

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
            SqliteSchema.Migrate(connection, full);
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

        return new SqliteDatabase(connection, full);
    }

    /// <summary>
    /// Runs <paramref name="work"/> alone on the connection. The work is synchronous (Microsoft.Data.Sqlite has no real
    /// asynchronous I/O); only waiting for the connection is asynchronous.
    /// </summary>
    public async ValueTask<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        catch (SqliteException ex)
        {
            throw new DraglineException(DraglineErrorReason.Unavailable, $"the SQLite store '{Path}' failed: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A transaction; <c>deferred: false</c> is <c>BEGIN IMMEDIATE</c>, which every write uses so writers in several processes queue on the busy timeout instead of failing mid-transaction.</summary>
    public SqliteTransaction Begin(bool deferred) => _connection.BeginTransaction(deferred);

    /// <summary>
    /// A command kept for the connection's lifetime (SQLite compiles its statement once, not per call), bound to
    /// <paramref name="tx"/>. Only used inside <see cref="RunAsync"/>; the caller sets the parameters by position.
    /// </summary>
    public SqliteCommand Prepared(SqliteTransaction? tx, string sql, params string[] parameters)
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

    /// <summary>A one-off command; the caller disposes it.</summary>
    public SqliteCommand Command(SqliteTransaction? tx, string sql)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    public object? Scalar(SqliteTransaction? tx, string sql) => Scalar(_connection, tx, sql);

    public static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command.ExecuteScalar();
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
}
