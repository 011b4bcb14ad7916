using System.Runtime.CompilerServices;
using Dragline.Ipam.Store;

namespace Dragline.Testing.Ipam;

/// <summary>An object store in process memory for tests and the bench. Keeps every change for watchers.</summary>
public sealed class InMemoryObjectStore : IObjectStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<(string Kind, string Namespace, string Name), StoredObject> _objects = new();
    private readonly List<ObjectChange> _log = [];
    private long _revision;
    private TaskCompletionSource _changed = NewSignal();

    public ValueTask<StoredObject?> GetAsync(string kind, string @namespace, string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_objects.GetValueOrDefault((kind, @namespace, name)));
        }
    }

    public ValueTask<ObjectList> ListAsync(string kind, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            List<StoredObject> items = [.. _objects.Values.Where(o => o.Kind == kind && (@namespace is null || o.Namespace == @namespace))];
            return ValueTask.FromResult(new ObjectList(items, _revision));
        }
    }

    public ValueTask<long> PutAsync(string kind, string @namespace, string name, string json, long? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(json);
        TaskCompletionSource signal;
        long revision;
        lock (_gate)
        {
            StoredObject? current = _objects.GetValueOrDefault((kind, @namespace, name));
            if (expectedResourceVersion is { } expected && expected != (current?.ResourceVersion ?? 0))
            {
                throw StoreErrors.ObjectConflict(kind, @namespace, name, expected, current?.ResourceVersion);
            }

            revision = ++_revision;
            var stored = new StoredObject(kind, @namespace, name, json, revision);
            _objects[(kind, @namespace, name)] = stored;
            _log.Add(new ObjectChange(ObjectChangeType.Put, stored, revision));
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
        return ValueTask.FromResult(revision);
    }

    public ValueTask<bool> DeleteAsync(string kind, string @namespace, string name, long? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            StoredObject? current = _objects.GetValueOrDefault((kind, @namespace, name));
            if (current is null)
            {
                return ValueTask.FromResult(false);
            }

            if (expectedResourceVersion is { } expected && expected != current.ResourceVersion)
            {
                throw StoreErrors.ObjectConflict(kind, @namespace, name, expected, current.ResourceVersion);
            }

            long revision = ++_revision;
            _objects.Remove((kind, @namespace, name));
            _log.Add(new ObjectChange(ObjectChangeType.Delete, current with { ResourceVersion = revision }, revision));
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
        return ValueTask.FromResult(true);
    }

    public async IAsyncEnumerable<ObjectChange> WatchAsync(string kind, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long seen = afterRevision;
        while (true)
        {
            List<ObjectChange> batch;
            Task wait;
            lock (_gate)
            {
                batch = [.. _log.Where(c => c.Revision > seen && c.Object.Kind == kind)];
                seen = _revision;
                wait = _changed.Task;
            }

            foreach (ObjectChange change in batch)
            {
                yield return change;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
