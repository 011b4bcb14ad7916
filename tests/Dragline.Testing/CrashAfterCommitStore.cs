using System.Diagnostics;
using Dragline.Ipam.Store;

namespace Dragline.Testing;

/// <summary>
/// A store that SIGKILLs its own process right after the first commit that reserves an address succeeds: the
/// allocation is durable, and the agent never answers it (failure mode 10 of ipam-peers.md, "agent killed after
/// commit, before reply"). Everything else goes to the wrapped store unchanged. For a test host process only:
/// it kills whatever process it runs in.
/// </summary>
public sealed class CrashAfterCommitStore(IStateStore inner) : IStateStore
{
    private readonly IStateStore _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>Written to standard error just before the kill, so a test's log shows where the process died.</summary>
    public const string CrashMessage = "CrashAfterCommitStore: allocation committed; killing this process before the reply";

    public bool ConditionsArePerRecord => _inner.ConditionsArePerRecord;

    public int MaxChangesPerCommit => _inner.MaxChangesPerCommit;

    public async ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
    {
        CommitResult result = await _inner.CommitAsync(pool, expected, changes, cancellationToken).ConfigureAwait(false);
        if (result.IsCommitted && changes.Any(c => c.Kind is AllocationChangeKind.Reserve or AllocationChangeKind.Replace))
        {
            Console.Error.WriteLine(CrashMessage);
            Console.Error.Flush();
            using Process self = Process.GetCurrentProcess();
            self.Kill(); // SIGKILL on Linux: no reply, no cleanup, no socket removal.
        }

        return result;
    }

    public ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default) => _inner.ReadPoolAsync(pool, cancellationToken);

    public ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default) => _inner.FindByOwnerAsync(identityKey, cancellationToken);

    public ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default) => _inner.ListPoolsAsync(cancellationToken);

    public ValueTask<StoredObject?> GetAsync(string kind, string @namespace, string name, CancellationToken cancellationToken = default) => _inner.GetAsync(kind, @namespace, name, cancellationToken);

    public ValueTask<ObjectList> ListAsync(string kind, string? @namespace = null, CancellationToken cancellationToken = default) => _inner.ListAsync(kind, @namespace, cancellationToken);

    public ValueTask<long> PutAsync(string kind, string @namespace, string name, string json, long? expectedResourceVersion = null, CancellationToken cancellationToken = default) =>
        _inner.PutAsync(kind, @namespace, name, json, expectedResourceVersion, cancellationToken);

    public ValueTask<bool> DeleteAsync(string kind, string @namespace, string name, long? expectedResourceVersion = null, CancellationToken cancellationToken = default) =>
        _inner.DeleteAsync(kind, @namespace, name, expectedResourceVersion, cancellationToken);

    public IAsyncEnumerable<ObjectChange> WatchAsync(string kind, long afterRevision, CancellationToken cancellationToken = default) => _inner.WatchAsync(kind, afterRevision, cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
