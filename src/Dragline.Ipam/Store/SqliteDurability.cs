namespace Dragline.Ipam.Store;

/// <summary>What a committed write of the <see cref="SqliteStore"/> survives (SQLite's <c>synchronous</c> setting in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>synchronous=NORMAL</c>: a commit survives the agent's crash or SIGKILL; after a power loss or kernel crash
    /// the last commits may be rolled back, the file is never corrupted. The host's pods die with the host, so what
    /// can be lost is the record of an address whose pod is gone too (or a release, which CNI GC repeats).
    /// </summary>
    ProcessCrash,

    /// <summary><c>synchronous=FULL</c>: every commit waits for the disk (fsync), so it survives power loss too; slower.</summary>
    PowerLoss,
}
