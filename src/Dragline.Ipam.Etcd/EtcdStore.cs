using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dragline.Core;
using Dragline.Ipam.Store;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Mvccpb;

namespace Dragline.Ipam.Etcd;

/// <summary>
/// Allocation records and standalone objects in etcd (v3 API). One key per allocated address,
/// <c>{prefix}/ipam/pools/{pool}/ips/{ip}</c>, and every commit is one transaction whose conditions
/// are per key (reserve: the key was never created; release/replace: the key is unchanged since it
/// was read for the expected owner), so agents on different nodes taking different addresses never
/// conflict. The pool version (<c>{prefix}/ipam/pool-versions/{pool}</c>) is advisory, for caches.
/// Objects live under <c>{prefix}/objects/{kind}/{namespace}/{name}</c>, their resource version
/// being the key's mod revision.
/// </summary>
public sealed class EtcdStore : IStateStore, IPoolChangeReader
{
    private readonly EtcdClient _client;
    private readonly EtcdStoreOptions _options;
    private readonly SocketsHttpHandler? _handler;
    private readonly bool _tls;
    private readonly EtcdTokenInterceptor? _auth;
    private readonly string _prefix;

    public EtcdStore(EtcdStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Endpoints.Count == 0)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, "the etcd store needs at least one endpoint, e.g. etcd://10.0.0.1:2379");
        }

        _options = options;
        _prefix = options.KeyPrefix.TrimEnd('/');
        string connection = string.Join(",", options.Endpoints.Select(e => e.GetLeftPart(UriPartial.Authority)));
        bool insecure = options.Endpoints.All(e => e.Scheme == Uri.UriSchemeHttp);
        _tls = !insecure;
        if (insecure && EtcdTls.IsConfigured(options))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, "etcd TLS files are given but the endpoints use http; write etcds:// (https) endpoints");
        }

        _handler = insecure || !EtcdTls.IsConfigured(options) ? null : EtcdTls.CreateHandler(options);
        _auth = options.Username is null ? null : new EtcdTokenInterceptor();
        _client = new EtcdClient(connection, interceptors: _auth is null ? null : [_auth], configureChannelOptions: channel =>
        {
            if (insecure)
            {
                channel.Credentials = ChannelCredentials.Insecure;
            }
            else
            {
                // The library addresses the channel as static://, whose scheme says nothing about TLS: without
                // this the balancer would speak plain HTTP/2 to a TLS port.
                channel.Credentials = ChannelCredentials.SecureSsl;
            }

            if (_handler is not null)
            {
                channel.HttpHandler = _handler;
            }
        });
    }

    public bool ConditionsArePerRecord => true;

    /// <summary>The most changes one commit may carry (etcd's transaction size limit).</summary>
    public int MaxChangesPerCommit => _options.MaxChangesPerCommit;

    public async ValueTask<PoolAllocations> ReadPoolAsync(string pool, CancellationToken cancellationToken = default)
    {
        CheckPoolName(pool);
        var request = new TxnRequest();
        request.Success.Add(RangeOp(VersionKey(pool)));
        request.Success.Add(PrefixRangeOp(PoolPrefix(pool)));
        TxnResponse response = await CallAsync((deadline, ct) => _client.TransactionAsync(request, null, deadline, ct), $"read pool '{pool}'", cancellationToken).ConfigureAwait(false);

        var records = new Dictionary<string, AllocationRecord>(StringComparer.Ordinal);
        foreach (KeyValue kv in response.Responses[1].ResponseRange.Kvs)
        {
            AllocationRecord record = DecodeRecord(kv);
            records[record.Ip] = record;
        }

        return new PoolAllocations(pool, VersionOf(response.Responses[0].ResponseRange), records);
    }

    /// <summary>
    /// One transaction: when the pool version key is still at <paramref name="known"/>, nothing changed; otherwise the
    /// records modified after it (etcd filters by mod revision, so only those cross the network) and the record count.
    /// </summary>
    public async ValueTask<PoolChanges> ReadPoolChangesAsync(string pool, StoreVersion known, CancellationToken cancellationToken = default)
    {
        CheckPoolName(pool);
        string prefix = PoolPrefix(pool);
        if (known == StoreVersion.None)
        {
            // Known as never written: unchanged while the version key does not exist, else the whole pool.
            var first = new TxnRequest();
            first.Compare.Add(new Compare { Key = Bytes(VersionKey(pool)), Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 });
            first.Failure.Add(RangeOp(VersionKey(pool)));
            first.Failure.Add(PrefixRangeOp(prefix));
            TxnResponse read = await CallAsync((deadline, ct) => _client.TransactionAsync(first, null, deadline, ct), $"read pool '{pool}'", cancellationToken).ConfigureAwait(false);
            if (read.Succeeded)
            {
                return PoolChanges.Unchanged(known);
            }

            var all = new Dictionary<string, AllocationRecord>(StringComparer.Ordinal);
            foreach (KeyValue kv in read.Responses[1].ResponseRange.Kvs)
            {
                AllocationRecord record = DecodeRecord(kv);
                all[record.Ip] = record;
            }

            return PoolChanges.Snapshot(new PoolAllocations(pool, VersionOf(read.Responses[0].ResponseRange), all));
        }

        if (!long.TryParse(known.Token, NumberStyles.None, CultureInfo.InvariantCulture, out long knownRevision) || knownRevision <= 0)
        {
            return PoolChanges.Snapshot(await ReadPoolAsync(pool, cancellationToken).ConfigureAwait(false));
        }

        var request = new TxnRequest();
        request.Compare.Add(new Compare { Key = Bytes(VersionKey(pool)), Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = knownRevision });
        request.Failure.Add(RangeOp(VersionKey(pool)));
        RangeRequest changed = PrefixRange(prefix, keysOnly: false);
        changed.MinModRevision = knownRevision + 1;
        request.Failure.Add(new RequestOp { RequestRange = changed });
        RangeRequest count = PrefixRange(prefix, keysOnly: true);
        count.CountOnly = true;
        request.Failure.Add(new RequestOp { RequestRange = count });
        TxnResponse response = await CallAsync((deadline, ct) => _client.TransactionAsync(request, null, deadline, ct), $"read changes of pool '{pool}'", cancellationToken).ConfigureAwait(false);
        if (response.Succeeded)
        {
            return PoolChanges.Unchanged(known);
        }

        var records = new List<AllocationRecord>(response.Responses[1].ResponseRange.Kvs.Count);
        foreach (KeyValue kv in response.Responses[1].ResponseRange.Kvs)
        {
            records.Add(DecodeRecord(kv));
        }

        return PoolChanges.Delta(VersionOf(response.Responses[0].ResponseRange), records, response.Responses[2].ResponseRange.Count);
    }

    public async ValueTask<CommitResult> CommitAsync(string pool, StoreVersion expected, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken = default)
    {
        CheckPoolName(pool);
        StoreErrors.ValidateChanges(pool, changes);
        if (changes.Count > _options.MaxChangesPerCommit)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"a commit to pool '{pool}' carries {changes.Count} changes; the etcd store takes at most {_options.MaxChangesPerCommit} (etcd --max-txn-ops)");
        }

        DateTime giveUp = DateTime.UtcNow + _options.OperationTimeout;
        bool ambiguous = false;
        int attempt = 0;
        while (true)
        {
            try
            {
                await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
                CommitResult result = await CommitOnceAsync(pool, changes, cancellationToken).ConfigureAwait(false);
                if (!result.IsCommitted && ambiguous && result.Conflicts.All(AlreadyApplied))
                {
                    // An earlier attempt timed out after etcd applied it: the records are ours.
                    PoolAllocations now = await ReadPoolAsync(pool, cancellationToken).ConfigureAwait(false);
                    return CommitResult.Committed(now.Version);
                }

                return result;
            }
            catch (RpcException ex) when (IsTransient(ex) && DateTime.UtcNow < giveUp && !cancellationToken.IsCancellationRequested)
            {
                ambiguous = true;
                await Task.Delay(Backoff(attempt++), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < giveUp)
            {
                // A request deadline can surface as a cancellation instead of DeadlineExceeded (seen while a
                // leader is killed): the same meaning, so the same retry.
                ambiguous = true;
                await Task.Delay(Backoff(attempt++), cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw Unavailable($"commit to pool '{pool}'", ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut($"commit to pool '{pool}'", ex);
            }
        }
    }

    public async ValueTask<IReadOnlyList<OwnedAllocation>> FindByOwnerAsync(string identityKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityKey);
        string ownerPrefix = $"{_prefix}/ipam/owners/{identityKey}/";
        RangeResponse index = await CallAsync((deadline, ct) => _client.GetAsync(PrefixRange(ownerPrefix, keysOnly: true), null, deadline, ct), "find allocations by owner", cancellationToken).ConfigureAwait(false);
        if (index.Kvs.Count == 0)
        {
            return [];
        }

        var request = new TxnRequest();
        var keys = new List<(string Pool, string Ip)>();
        foreach (KeyValue kv in index.Kvs)
        {
            string rest = kv.Key.ToStringUtf8()[ownerPrefix.Length..];
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            (string pool, string ip) = (rest[..slash], rest[(slash + 1)..]);
            keys.Add((pool, ip));
            request.Success.Add(RangeOp(IpKey(pool, ip)));
        }

        TxnResponse records = await CallAsync((deadline, ct) => _client.TransactionAsync(request, null, deadline, ct), "read allocations by owner", cancellationToken).ConfigureAwait(false);
        var found = new List<OwnedAllocation>();
        for (int i = 0; i < keys.Count; i++)
        {
            RangeResponse range = records.Responses[i].ResponseRange;
            if (range.Kvs.Count == 1 && DecodeRecord(range.Kvs[0]) is { } record && record.Owner.IdentityKey == identityKey)
            {
                found.Add(new OwnedAllocation(keys[i].Pool, record));
            }
        }

        return found;
    }

    public async ValueTask<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken = default)
    {
        string prefix = $"{_prefix}/ipam/pool-versions/";
        RangeResponse response = await CallAsync((deadline, ct) => _client.GetAsync(PrefixRange(prefix, keysOnly: true), null, deadline, ct), "list pools", cancellationToken).ConfigureAwait(false);
        return [.. response.Kvs.Select(kv => kv.Key.ToStringUtf8()[prefix.Length..])];
    }

    public async ValueTask<StoredObject?> GetAsync(string kind, string @namespace, string name, CancellationToken cancellationToken = default)
    {
        RangeResponse response = await CallAsync((deadline, ct) => _client.GetAsync(new RangeRequest { Key = Bytes(ObjectKey(kind, @namespace, name)) }, null, deadline, ct), $"get {StoreErrors.Describe(kind, @namespace, name)}", cancellationToken).ConfigureAwait(false);
        return response.Kvs.Count == 0 ? null : DecodeObject(response.Kvs[0], response.Kvs[0].ModRevision);
    }

    public async ValueTask<ObjectList> ListAsync(string kind, string? @namespace = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        string prefix = @namespace is null ? $"{_prefix}/objects/{kind}/" : $"{_prefix}/objects/{kind}/{@namespace}/";
        RangeResponse response = await CallAsync((deadline, ct) => _client.GetAsync(PrefixRange(prefix, keysOnly: false), null, deadline, ct), $"list {kind}", cancellationToken).ConfigureAwait(false);
        return new ObjectList([.. response.Kvs.Select(kv => DecodeObject(kv, kv.ModRevision))], response.Header.Revision);
    }

    public async ValueTask<long> PutAsync(string kind, string @namespace, string name, string json, long? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(json);
        CheckSegment(kind, "kind");
        CheckSegment(@namespace, "namespace");
        CheckSegment(name, "name");
        string key = ObjectKey(kind, @namespace, name);
        var request = new TxnRequest();
        if (expectedResourceVersion is { } expected)
        {
            request.Compare.Add(new Compare { Key = Bytes(key), Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = expected });
        }

        request.Success.Add(new RequestOp { RequestPut = new PutRequest { Key = Bytes(key), Value = Bytes(json) } });
        request.Failure.Add(RangeOp(key));
        TxnResponse response = await CallAsync((deadline, ct) => _client.TransactionAsync(request, null, deadline, ct), $"put {StoreErrors.Describe(kind, @namespace, name)}", cancellationToken).ConfigureAwait(false);
        if (!response.Succeeded)
        {
            RangeResponse current = response.Responses[0].ResponseRange;
            throw StoreErrors.ObjectConflict(kind, @namespace, name, expectedResourceVersion, current.Kvs.Count == 0 ? null : current.Kvs[0].ModRevision);
        }

        return response.Header.Revision;
    }

    public async ValueTask<bool> DeleteAsync(string kind, string @namespace, string name, long? expectedResourceVersion = null, CancellationToken cancellationToken = default)
    {
        string key = ObjectKey(kind, @namespace, name);
        var request = new TxnRequest();
        request.Compare.Add(new Compare { Key = Bytes(key), Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Greater, CreateRevision = 0 });
        if (expectedResourceVersion is { } expected)
        {
            request.Compare.Add(new Compare { Key = Bytes(key), Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = expected });
        }

        request.Success.Add(new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = Bytes(key) } });
        request.Failure.Add(RangeOp(key));
        TxnResponse response = await CallAsync((deadline, ct) => _client.TransactionAsync(request, null, deadline, ct), $"delete {StoreErrors.Describe(kind, @namespace, name)}", cancellationToken).ConfigureAwait(false);
        if (response.Succeeded)
        {
            return true;
        }

        RangeResponse current = response.Responses[0].ResponseRange;
        if (current.Kvs.Count == 0)
        {
            return false;
        }

        throw StoreErrors.ObjectConflict(kind, @namespace, name, expectedResourceVersion, current.Kvs[0].ModRevision);
    }

    public async IAsyncEnumerable<ObjectChange> WatchAsync(string kind, long afterRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        string prefix = $"{_prefix}/objects/{kind}/";
        await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
        using AsyncDuplexStreamingCall<WatchRequest, WatchResponse> call = _client.GetConnection().WatchClient.Watch(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(new WatchRequest
        {
            CreateRequest = new WatchCreateRequest
            {
                Key = Bytes(prefix),
                RangeEnd = Bytes(EtcdClient.GetRangeEnd(prefix)),
                StartRevision = afterRevision + 1,
                PrevKv = true,
            },
        }, cancellationToken).ConfigureAwait(false);

        while (true)
        {
            bool more;
            try
            {
                more = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException ex)
            {
                throw Unavailable($"watch {kind}", ex);
            }

            if (!more)
            {
                throw new DraglineException(DraglineErrorReason.Unavailable, $"the etcd watch of {kind} ended; list again and watch from the list's revision");
            }

            WatchResponse response = call.ResponseStream.Current;
            if (response.CompactRevision > 0)
            {
                throw StoreErrors.WatchCompacted(kind, afterRevision, response.CompactRevision);
            }

            if (response.Canceled)
            {
                throw new DraglineException(DraglineErrorReason.Unavailable, $"etcd cancelled the watch of {kind}: {response.CancelReason}; list again and watch from the list's revision");
            }

            foreach (Event e in response.Events)
            {
                if (e.Type == Event.Types.EventType.Put)
                {
                    yield return new ObjectChange(ObjectChangeType.Put, DecodeObject(e.Kv, e.Kv.ModRevision), e.Kv.ModRevision);
                }
                else
                {
                    StoredObject gone = e.PrevKv is { } prev ? DecodeObject(prev, e.Kv.ModRevision) : DecodeObject(e.Kv, e.Kv.ModRevision);
                    yield return new ObjectChange(ObjectChangeType.Delete, gone, e.Kv.ModRevision);
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _handler?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<CommitResult> CommitOnceAsync(string pool, IReadOnlyList<AllocationChange> changes, CancellationToken cancellationToken)
    {
        // Releases and replaces are conditioned on the record being unchanged since it was read for its owner.
        var current = new Dictionary<string, KeyValue>(StringComparer.Ordinal);
        List<AllocationChange> needRead = [.. changes.Where(c => c.Kind != AllocationChangeKind.Reserve)];
        if (needRead.Count > 0)
        {
            var read = new TxnRequest();
            read.Success.AddRange(needRead.Select(c => RangeOp(IpKey(pool, c.Ip))));
            TxnResponse readResponse = await _client.TransactionAsync(read, null, Deadline(), cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < needRead.Count; i++)
            {
                if (readResponse.Responses[i].ResponseRange.Kvs is { Count: 1 } kvs)
                {
                    current[needRead[i].Ip] = kvs[0];
                }
            }
        }

        var conflicts = new List<RecordConflict>();
        var txn = new TxnRequest();
        var compared = new List<AllocationChange>();
        foreach (AllocationChange change in changes)
        {
            string key = IpKey(pool, change.Ip);
            KeyValue? kv = current.GetValueOrDefault(change.Ip);
            AllocationRecord? record = kv is null ? null : DecodeRecord(kv);
            switch (change.Kind)
            {
                case AllocationChangeKind.Reserve:
                    txn.Compare.Add(new Compare { Key = Bytes(key), Target = Compare.Types.CompareTarget.Create, Result = Compare.Types.CompareResult.Equal, CreateRevision = 0 });
                    compared.Add(change);
                    txn.Success.Add(PutOp(key, EncodeRecord(change.Record!)));
                    txn.Success.Add(PutOp(OwnerKey(change.Record!.Owner.IdentityKey, pool, change.Ip), ""));
                    break;
                case AllocationChangeKind.Release when record is null:
                    break; // Nobody holds it: nothing to do.
                case AllocationChangeKind.Release:
                case AllocationChangeKind.Replace:
                    if (AllocationConditions.Check(change, record) is { } conflict)
                    {
                        conflicts.Add(conflict);
                        break;
                    }

                    txn.Compare.Add(new Compare { Key = Bytes(key), Target = Compare.Types.CompareTarget.Mod, Result = Compare.Types.CompareResult.Equal, ModRevision = kv!.ModRevision });
                    compared.Add(change);
                    string oldOwnerKey = OwnerKey(record!.Owner.IdentityKey, pool, change.Ip);
                    if (change.Kind == AllocationChangeKind.Release)
                    {
                        txn.Success.Add(new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = Bytes(key) } });
                        txn.Success.Add(new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = Bytes(oldOwnerKey) } });
                    }
                    else
                    {
                        txn.Success.Add(PutOp(key, EncodeRecord(change.Record!)));
                        string newOwnerKey = OwnerKey(change.Record!.Owner.IdentityKey, pool, change.Ip);
                        if (newOwnerKey != oldOwnerKey)
                        {
                            txn.Success.Add(new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = Bytes(oldOwnerKey) } });
                            txn.Success.Add(PutOp(newOwnerKey, ""));
                        }
                    }

                    break;
            }
        }

        if (conflicts.Count > 0)
        {
            return CommitResult.Conflict(await ReadVersionAsync(pool, cancellationToken).ConfigureAwait(false), conflicts);
        }

        if (txn.Success.Count == 0)
        {
            return CommitResult.Committed(await ReadVersionAsync(pool, cancellationToken).ConfigureAwait(false));
        }

        // The version key read first (the pool version just before this commit), then bumped by the commit itself.
        txn.Success.Insert(0, RangeOp(VersionKey(pool)));
        txn.Success.Add(PutOp(VersionKey(pool), ""));
        txn.Failure.Add(RangeOp(VersionKey(pool)));
        txn.Failure.AddRange(compared.Select(c => RangeOp(IpKey(pool, c.Ip))));
        TxnResponse response = await _client.TransactionAsync(txn, null, Deadline(), cancellationToken).ConfigureAwait(false);
        if (response.Succeeded)
        {
            return CommitResult.Committed(
                new StoreVersion(response.Header.Revision.ToString(CultureInfo.InvariantCulture)),
                VersionOf(response.Responses[0].ResponseRange));
        }

        for (int i = 0; i < compared.Count; i++)
        {
            AllocationChange change = compared[i];
            RangeResponse range = response.Responses[i + 1].ResponseRange;
            KeyValue? now = range.Kvs.Count == 1 ? range.Kvs[0] : null;
            AllocationRecord? nowRecord = now is null ? null : DecodeRecord(now);
            bool changed = change.Kind == AllocationChangeKind.Reserve
                ? now is not null
                : now is null || now.ModRevision != current[change.Ip].ModRevision;
            if (changed)
            {
                conflicts.Add(new RecordConflict(change, nowRecord));
            }
        }

        return CommitResult.Conflict(VersionOf(response.Responses[0].ResponseRange), conflicts);
    }

    private static bool AlreadyApplied(RecordConflict conflict) => conflict.Change.Kind switch
    {
        AllocationChangeKind.Reserve or AllocationChangeKind.Replace => conflict.Current == conflict.Change.Record,
        _ => conflict.Current is null,
    };

    private async Task<StoreVersion> ReadVersionAsync(string pool, CancellationToken cancellationToken)
    {
        RangeResponse response = await _client.GetAsync(new RangeRequest { Key = Bytes(VersionKey(pool)) }, null, Deadline(), cancellationToken).ConfigureAwait(false);
        return VersionOf(response);
    }

    private async Task<T> CallAsync<T>(Func<DateTime, CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken)
    {
        DateTime giveUp = DateTime.UtcNow + _options.OperationTimeout;
        int attempt = 0;
        while (true)
        {
            try
            {
                await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
                return await call(Deadline(), cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (IsTransient(ex) && DateTime.UtcNow < giveUp && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt++), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < giveUp)
            {
                // A request deadline surfacing as a cancellation: retried like DeadlineExceeded.
                await Task.Delay(Backoff(attempt++), cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw Unavailable(what, ex);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(what, ex);
            }
        }
    }

    private DateTime Deadline() => DateTime.UtcNow + _options.RequestTimeout;

    /// <summary>
    /// Gets a token when credentials are set and none is held. A token expires (etcd's --auth-token-ttl) or dies with
    /// a restart; <see cref="IsTransient"/> drops it on "invalid auth token" so the retry authenticates again.
    /// </summary>
    private async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        if (_auth is null || _auth.Token is not null)
        {
            return;
        }

        AuthenticateResponse response;
        try
        {
            response = await _client.AuthenticateAsync(new AuthenticateRequest { Name = _options.Username, Password = _options.Password ?? "" }, null, Deadline(), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue,
                $"etcd ({string.Join(",", _options.Endpoints)}) authentication of user '{_options.Username}' failed ({ex.Status.Detail}); check the user and password in the store's user-file",
                ex);
        }

        _auth.Token = response.Token;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(50 * (1 << Math.Min(attempt, 5)), 1000));

    /// <summary>A TLS refusal is not transient: retrying the same certificates for the whole operation timeout only hides it.</summary>
    private bool IsTransient(RpcException ex)
    {
        if (_auth is not null && ex.StatusCode == StatusCode.Unauthenticated && ex.Status.Detail.Contains("invalid auth token", StringComparison.Ordinal))
        {
            // etcd's own text (etcdserver/api/v3rpc/rpctypes ErrInvalidAuthToken): the token expired; get a new one.
            _auth.Token = null;
            return true;
        }

        return ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown
            && EtcdTlsFailure.Classify(ex, _tls) == EtcdTlsFailureKind.None;
    }

    private DraglineException TimedOut(string what, OperationCanceledException ex) =>
        new(DraglineErrorReason.Unavailable,
            $"etcd ({string.Join(",", _options.Endpoints)}) could not {what}: no answer within {_options.OperationTimeout.TotalSeconds:0.#} s; check that the cluster is up and reachable",
            ex);

    private DraglineException Unavailable(string what, RpcException ex) => EtcdTlsFailure.Classify(ex, _tls) switch
    {
        EtcdTlsFailureKind.ServerNotTrusted => new(DraglineErrorReason.Unavailable,
            $"etcd ({string.Join(",", _options.Endpoints)}) could not {what}: the TLS handshake failed ({EtcdTlsFailure.Describe(ex)}); " +
            "check cacert= (the CA that signed the etcd server certificates) and, for --client-cert-auth, cert= and key=",
            ex),
        EtcdTlsFailureKind.ClientRefused => new(DraglineErrorReason.Unavailable,
            $"etcd ({string.Join(",", _options.Endpoints)}) could not {what}: the server closed the TLS connection right after the handshake, as etcd does with --client-cert-auth " +
            "when the client certificate is missing or not signed by its --trusted-ca-file; check cert= and key= (and cacert=)",
            ex),
        // etcd's text for a request without a token when auth is enabled (rpctypes ErrUserEmpty).
        _ when _auth is null && ex.Status.Detail.Contains("user name is empty", StringComparison.Ordinal) => new(DraglineErrorReason.Unavailable,
            $"etcd ({string.Join(",", _options.Endpoints)}) could not {what}: the cluster has authentication enabled and no user was given; add user-file=/path/to/file (one line user:password, mode 0600) to the store",
            ex),
        _ => new(DraglineErrorReason.Unavailable,
            $"etcd ({string.Join(",", _options.Endpoints)}) could not {what}: {ex.Status.StatusCode} {ex.Status.Detail}; check that the cluster is up and reachable",
            ex),
    };

    private static StoreVersion VersionOf(RangeResponse range) =>
        range.Kvs.Count == 0 ? StoreVersion.None : new StoreVersion(range.Kvs[0].ModRevision.ToString(CultureInfo.InvariantCulture));

    private string PoolPrefix(string pool) => $"{_prefix}/ipam/pools/{pool}/ips/";

    private string IpKey(string pool, string ip) => PoolPrefix(pool) + ip;

    private string VersionKey(string pool) => $"{_prefix}/ipam/pool-versions/{pool}";

    private string OwnerKey(string identity, string pool, string ip) => $"{_prefix}/ipam/owners/{identity}/{pool}/{ip}";

    private string ObjectKey(string kind, string @namespace, string name) => $"{_prefix}/objects/{kind}/{@namespace}/{name}";

    private static void CheckPoolName(string pool)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        CheckSegment(pool, "pool name");
    }

    private static void CheckSegment(string value, string what)
    {
        if (value.Contains('/', StringComparison.Ordinal))
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"{what} '{value}' contains '/', which the etcd key layout cannot hold; use a Kubernetes-style name");
        }
    }

    private static ByteString Bytes(string text) => ByteString.CopyFromUtf8(text);

    private static RequestOp RangeOp(string key) => new() { RequestRange = new RangeRequest { Key = Bytes(key) } };

    private static RequestOp PrefixRangeOp(string prefix) => new() { RequestRange = PrefixRange(prefix, keysOnly: false) };

    private static RangeRequest PrefixRange(string prefix, bool keysOnly) => new() { Key = Bytes(prefix), RangeEnd = Bytes(EtcdClient.GetRangeEnd(prefix)), KeysOnly = keysOnly };

    private static RequestOp PutOp(string key, string value) => new() { RequestPut = new PutRequest { Key = Bytes(key), Value = Bytes(value) } };

    private static string EncodeRecord(AllocationRecord record) => JsonSerializer.Serialize(new EtcdAllocationValue
    {
        Pod = record.Owner.PodReference,
        PodUid = record.Owner.PodUid,
        ContainerId = record.Owner.ContainerId,
        Nic = record.Owner.Interface,
        Node = record.Owner.Node,
        Network = record.Owner.Network,
        AllocatedAt = record.AllocatedAt,
    }, EtcdJsonContext.Default.EtcdAllocationValue);

    private static AllocationRecord DecodeRecord(KeyValue kv)
    {
        string key = kv.Key.ToStringUtf8();
        string ip = key[(key.LastIndexOf('/') + 1)..];
        EtcdAllocationValue value;
        try
        {
            value = JsonSerializer.Deserialize(kv.Value.Span, EtcdJsonContext.Default.EtcdAllocationValue) ?? new EtcdAllocationValue();
        }
        catch (JsonException ex)
        {
            throw new DraglineException(DraglineErrorReason.Malformed, $"etcd key '{key}' holds a malformed allocation record ({ex.Message}); delete the key or fix its JSON", ex);
        }

        int slash = value.Pod.IndexOf('/', StringComparison.Ordinal);
        (string ns, string name) = slash < 0 ? ("", value.Pod) : (value.Pod[..slash], value.Pod[(slash + 1)..]);
        return new AllocationRecord(ip, new AllocationOwner(ns, name, value.PodUid, value.ContainerId, value.Nic, value.Node) { Network = value.Network ?? "" }, value.AllocatedAt);
    }

    private StoredObject DecodeObject(KeyValue kv, long revision)
    {
        string rest = kv.Key.ToStringUtf8()[($"{_prefix}/objects/").Length..];
        string[] parts = rest.Split('/', 3);
        return new StoredObject(parts[0], parts[1], parts[2], kv.Value.ToStringUtf8(), revision);
    }
}
