namespace Dragline.Ipam.Store;

/// <summary>Tunables of <see cref="SqliteStore"/>.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>How long a writer waits for another process's transaction before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an object watch polls the change log (other processes write the same file).</summary>
    public TimeSpan WatchPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>What a commit survives; <see cref="SqliteDurability.ProcessCrash"/> by default (docs/ipam.md, "SQLite").</summary>
    public SqliteDurability Durability { get; init; } = SqliteDurability.ProcessCrash;

    /// <summary>How many object changes the log keeps for watchers that fall behind.</summary>
    public int ObjectLogRetention { get; init; } = 10_000;
}
