using System.Collections.Concurrent;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Core;
using Dragline.Ipam.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dragline.Ipam.Objects;

/// <summary>
/// The engine's view of the standalone object store: a cache of pools, reserved IPs, namespaces, pods
/// and nodes kept current by list-then-watch per kind. A watch that fails (store restart, a compacted
/// revision) lists again and resumes; an object that cannot be read is left out and logged rather than
/// stopping the agent. <see cref="IsSynced"/> turns true once every kind was listed once.
/// </summary>
public sealed partial class StoreObjectSource : IIpamObjectSource, IAsyncDisposable
{
    private static readonly string[] WatchedKinds = ["SpiderIPPool", "SpiderReservedIP", "Namespace", "Pod", "Node"];

    private readonly IObjectStore _store;
    private readonly ILogger _logger;
    private readonly TimeSpan _retryDelay;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string Namespace, string Name), KubeObject>> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _listed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _loops = [];

    public StoreObjectSource(IObjectStore store, ILogger? logger = null, TimeSpan? retryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = logger ?? NullLogger.Instance;
        _retryDelay = retryDelay ?? TimeSpan.FromSeconds(1);
        foreach (string kind in WatchedKinds)
        {
            _cache[kind] = new ConcurrentDictionary<(string, string), KubeObject>();
        }
    }

    /// <summary>True once every watched kind has been listed.</summary>
    public bool IsSynced => _synced.Task.IsCompleted;

    /// <summary>Raised (on a background thread) after the cache changed; the engine may recompile pools.</summary>
    public event EventHandler? Changed;

    /// <summary>Starts the list/watch loops; <see cref="WaitForSyncAsync"/> returns when the first lists are in.</summary>
    public void Start()
    {
        foreach (string kind in WatchedKinds)
        {
            _loops.Add(Task.Run(() => RunAsync(kind, _stop.Token)));
        }
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    public ValueTask<IReadOnlyList<SpiderIPPool>> ListPoolsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<SpiderIPPool>>([.. _cache["SpiderIPPool"].Values.OfType<SpiderIPPool>().OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)]);

    public ValueTask<IReadOnlyList<SpiderReservedIP>> ListReservedIPsAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<SpiderReservedIP>>([.. _cache["SpiderReservedIP"].Values.OfType<SpiderReservedIP>().OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)]);

    public ValueTask<PodMetadata?> GetPodAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        if (!_cache["Pod"].TryGetValue((@namespace, name), out KubeObject? pod))
        {
            return ValueTask.FromResult<PodMetadata?>(null);
        }

        ObjectMeta m = pod.Metadata;
        return ValueTask.FromResult<PodMetadata?>(new PodMetadata(@namespace, name, m.Uid ?? "", Copy(m.Labels), Copy(m.Annotations), m.DeletionTimestamp is not null));
    }

    public ValueTask<NamespaceMetadata?> GetNamespaceAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_cache["Namespace"].TryGetValue(("", name), out KubeObject? ns)
            ? new NamespaceMetadata(name, Copy(ns.Metadata.Labels), Copy(ns.Metadata.Annotations))
            : null);

    public ValueTask<NodeMetadata?> GetNodeAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_cache["Node"].TryGetValue(("", name), out KubeObject? node)
            ? new NodeMetadata(name, Copy(node.Metadata.Labels))
            : null);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(string kind, CancellationToken cancellationToken)
    {
        ConcurrentDictionary<(string, string), KubeObject> cache = _cache[kind];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                ObjectList list = await _store.ListAsync(kind, null, cancellationToken).ConfigureAwait(false);
                var fresh = new Dictionary<(string, string), KubeObject>();
                foreach (StoredObject stored in list.Items)
                {
                    if (TryDecode(stored) is { } obj)
                    {
                        fresh[(stored.Namespace, stored.Name)] = obj;
                    }
                }

                foreach ((string, string) key in cache.Keys.Where(k => !fresh.ContainsKey(k)).ToList())
                {
                    cache.TryRemove(key, out _);
                }

                foreach (KeyValuePair<(string, string), KubeObject> entry in fresh)
                {
                    cache[entry.Key] = entry.Value;
                }

                MarkListed(kind);
                OnChanged();
                await foreach (ObjectChange change in _store.WatchAsync(kind, list.Revision, cancellationToken).ConfigureAwait(false))
                {
                    (string, string) key = (change.Object.Namespace, change.Object.Name);
                    if (change.Type == ObjectChangeType.Delete)
                    {
                        cache.TryRemove(key, out _);
                    }
                    else if (TryDecode(change.Object) is { } obj)
                    {
                        cache[key] = obj;
                    }

                    OnChanged();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DraglineException or IOException or InvalidOperationException)
            {
                LogWatchFailed(_logger, ex, kind, _retryDelay.TotalSeconds);
            }

            try
            {
                await Task.Delay(_retryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private KubeObject? TryDecode(StoredObject stored)
    {
        try
        {
            return StoredObjects.Decode(stored);
        }
        catch (Exception ex) when (ex is DraglineException or System.Text.Json.JsonException)
        {
            LogUnreadable(_logger, ex, StoreErrors.Describe(stored.Kind, stored.Namespace, stored.Name));
            return null;
        }
    }

    private void MarkListed(string kind)
    {
        _listed[kind] = true;
        if (WatchedKinds.All(_listed.ContainsKey))
        {
            _synced.TrySetResult();
        }
    }

    private void OnChanged() => Changed?.Invoke(this, EventArgs.Empty);

    private static Dictionary<string, string> Copy(Dictionary<string, string>? source) =>
        source is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(source, StringComparer.Ordinal);

    // Event ids 1020 and 1021 are the ones these had in the agent, kept so existing log filters still match.
    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "watching {Kind} in the store failed; listing again in {Seconds} s")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, string kind, double seconds);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "ignoring {Object}: it cannot be read; apply it again")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string @object);
}
