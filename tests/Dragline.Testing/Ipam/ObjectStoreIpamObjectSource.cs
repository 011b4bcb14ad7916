using System.Text.Json;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Ipam;
using Dragline.Ipam.Store;

namespace Dragline.Testing.Ipam;

/// <summary>
/// The engine's objects in standalone mode: pools and reserved addresses as Spiderpool JSON, and pods,
/// namespaces and nodes as Kubernetes-shaped JSON (only <c>metadata</c> is read), all in an
/// <see cref="IObjectStore"/> under kinds <c>SpiderIPPool</c>, <c>SpiderReservedIP</c>, <c>Pod</c>,
/// <c>Namespace</c> and <c>Node</c>. Read on every request, which suits tests and the bench; the agent
/// serves the engine from a cache fed by the store's watch instead (<c>StoreObjectSource</c>).
/// </summary>
public sealed class ObjectStoreIpamObjectSource(IObjectStore store) : IIpamObjectSource
{
    public async ValueTask<IReadOnlyList<SpiderIPPool>> ListPoolsAsync(CancellationToken cancellationToken)
    {
        ObjectList list = await store.ListAsync("SpiderIPPool", null, cancellationToken).ConfigureAwait(false);
        return [.. list.Items.Select(o => Deserialize(o, ApiJsonContext.Default.SpiderIPPool))];
    }

    public async ValueTask<IReadOnlyList<SpiderReservedIP>> ListReservedIPsAsync(CancellationToken cancellationToken)
    {
        ObjectList list = await store.ListAsync("SpiderReservedIP", null, cancellationToken).ConfigureAwait(false);
        return [.. list.Items.Select(o => Deserialize(o, ApiJsonContext.Default.SpiderReservedIP))];
    }

    public async ValueTask<PodMetadata?> GetPodAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        ObjectMeta? meta = await MetadataAsync("Pod", @namespace, name, cancellationToken).ConfigureAwait(false);
        return meta is null ? null : new PodMetadata(@namespace, name, meta.Uid ?? "", meta.Labels ?? [], meta.Annotations ?? [], !string.IsNullOrEmpty(meta.DeletionTimestamp));
    }

    public async ValueTask<NamespaceMetadata?> GetNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        ObjectMeta? meta = await MetadataAsync("Namespace", "", name, cancellationToken).ConfigureAwait(false);
        return meta is null ? null : new NamespaceMetadata(name, meta.Labels ?? [], meta.Annotations ?? []);
    }

    public async ValueTask<NodeMetadata?> GetNodeAsync(string name, CancellationToken cancellationToken)
    {
        ObjectMeta? meta = await MetadataAsync("Node", "", name, cancellationToken).ConfigureAwait(false);
        return meta is null ? null : new NodeMetadata(name, meta.Labels ?? []);
    }

    private async ValueTask<ObjectMeta?> MetadataAsync(string kind, string @namespace, string name, CancellationToken cancellationToken)
    {
        StoredObject? stored = await store.GetAsync(kind, @namespace, name, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stored.Json);
            return document.RootElement.TryGetProperty("metadata", out JsonElement metadata)
                ? metadata.Deserialize(ApiJsonContext.Default.ObjectMeta)
                : new ObjectMeta();
        }
        catch (JsonException ex)
        {
            throw Malformed(stored, ex);
        }
    }

    private static T Deserialize<T>(StoredObject stored, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(stored.Json, type) ?? throw Malformed(stored, null);
        }
        catch (JsonException ex)
        {
            throw Malformed(stored, ex);
        }
    }

    private static DraglineException Malformed(StoredObject stored, Exception? inner) =>
        new(DraglineErrorReason.Malformed,
            $"stored object {StoreErrors.Describe(stored.Kind, stored.Namespace, stored.Name)} is not valid JSON for its kind{(inner is null ? "" : $" ({inner.Message})")}; put it again",
            inner);
}
