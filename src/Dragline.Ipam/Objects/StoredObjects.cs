using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using Dragline.Core;
using Dragline.Ipam.Store;

namespace Dragline.Ipam.Objects;

/// <summary>
/// Standalone mode's object API over a store: apply (validated by the Api layer first, all or nothing),
/// get (pools with their allocation counts from the store's records) and delete (a pool with allocations
/// is refused). Namespaces, Pods and Nodes are kept as their JSON; only their metadata is used.
/// </summary>
public sealed class StoredObjects
{
    private const string DefaultNamespace = "default";

    private readonly IObjectStore _objects;
    private readonly IIpamStore _allocations;
    private readonly TimeProvider _time;

    public StoredObjects(IObjectStore objects, IIpamStore allocations, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(allocations);
        _objects = objects;
        _allocations = allocations;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Validates every document against the stored objects, then writes them all (or none when any has an error).</summary>
    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<ManifestDocument> documents, string? defaultNamespace = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        string fallbackNamespace = string.IsNullOrEmpty(defaultNamespace) ? DefaultNamespace : defaultNamespace;
        var context = new ValidationContext(existing: await LoadValidatedKindsAsync(cancellationToken).ConfigureAwait(false));
        var problems = new List<ValidationProblem>(ManifestValidator.Validate(documents, context));
        foreach (ManifestDocument document in documents.Where(d => d.DecodeError is null && !d.IsTyped))
        {
            KubeObject obj = document.Object;
            ObjectKind? kind = ObjectKinds.Find(obj.ApiVersion, obj.Kind);
            if (kind is null)
            {
                problems.Add(new ValidationProblem(obj.DisplayName, "kind",
                    $"{obj.ApiVersion} {obj.Kind} is not a kind the Dragline store holds; it holds {string.Join(", ", ObjectKinds.All.Select(k => k.Kind))}"));
            }
            else if (string.IsNullOrEmpty(obj.Metadata.Name))
            {
                problems.Add(new ValidationProblem(obj.DisplayName, "metadata.name", "Required value: name is required"));
            }
        }

        if (problems.Any(p => p.Severity == ValidationSeverity.Error))
        {
            return new ApplyResult([], problems);
        }

        var lines = new List<string>();
        foreach (ManifestDocument document in documents)
        {
            KubeObject obj = document.Object;
            ObjectKind? kind = ObjectKinds.Find(obj.ApiVersion, obj.Kind);
            if (kind is null)
            {
                continue; // a kind without validation problems that is not stored cannot happen; kept for safety
            }

            string name = obj.Metadata.Name!;
            string ns = kind.Namespaced ? (string.IsNullOrEmpty(obj.Metadata.Namespace) ? fallbackNamespace : obj.Metadata.Namespace) : "";
            JsonObject json = document.IsTyped ? ManifestWriter.Default.ToJsonNode(obj) : (JsonObject)document.Json.DeepClone();
            StoredObject? existing = await _objects.GetAsync(kind.Kind, ns, name, cancellationToken).ConfigureAwait(false);
            Normalize(json, kind, ns, existing);
            string text = json.ToJsonString();
            string verb;
            if (existing is null)
            {
                verb = "created";
            }
            else if (SameContent(existing.Json, text))
            {
                lines.Add($"{kind.Reference(name)} unchanged");
                continue;
            }
            else
            {
                verb = "configured";
            }

            await _objects.PutAsync(kind.Kind, ns, name, text, existing?.ResourceVersion ?? 0, cancellationToken).ConfigureAwait(false);
            lines.Add($"{kind.Reference(name)} {verb}");
        }

        return new ApplyResult(lines, problems);
    }

    /// <summary>Objects of <paramref name="kind"/>: one by name, or all (in <paramref name="namespace"/>, or every namespace when null).</summary>
    public async Task<IReadOnlyList<KubeObject>> GetAsync(ObjectKind kind, string? name, string? @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        string? ns = kind.Namespaced ? @namespace : "";
        var stored = new List<StoredObject>();
        if (name is not null)
        {
            StoredObject found = await _objects.GetAsync(kind.Kind, ns ?? DefaultNamespace, name, cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(kind, name);
            stored.Add(found);
        }
        else
        {
            stored.AddRange((await _objects.ListAsync(kind.Kind, ns, cancellationToken).ConfigureAwait(false)).Items);
        }

        var result = new List<KubeObject>(stored.Count);
        foreach (StoredObject item in stored)
        {
            KubeObject obj = Decode(item);
            if (obj is SpiderIPPool pool)
            {
                await FillStatusAsync(pool, cancellationToken).ConfigureAwait(false);
            }

            result.Add(obj);
        }

        return result;
    }

    /// <summary>Deletes one object; a pool that still has allocations is refused, as Spiderpool's webhook refuses it.</summary>
    public async Task<string> DeleteAsync(ObjectKind kind, string name, string? @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        string ns = kind.Namespaced ? (string.IsNullOrEmpty(@namespace) ? DefaultNamespace : @namespace) : "";
        StoredObject existing = await _objects.GetAsync(kind.Kind, ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(kind, name);
        if (kind.Kind == "SpiderIPPool")
        {
            PoolAllocations allocations = await _allocations.ReadPoolAsync(name, cancellationToken).ConfigureAwait(false);
            if (allocations.Records.Count > 0)
            {
                // Spiderpool's webhook text: "cannot delete an IPPool with allocated IPs(%v)".
                string ips = string.Join(' ', allocations.Records.Keys.Order(StringComparer.Ordinal));
                throw new DraglineException(DraglineErrorReason.Conflict,
                    $"cannot delete an IPPool with allocated IPs([{ips}]); release them first (delete the pods, or 'dragline ipam release')");
            }
        }

        await _objects.DeleteAsync(kind.Kind, ns, name, existing.ResourceVersion, cancellationToken).ConfigureAwait(false);
        return $"{kind.Reference(name)} deleted";
    }

    /// <summary>Decodes a stored object into its model (typed kinds) or an <see cref="UnstructuredObject"/> (core kinds).</summary>
    public static KubeObject Decode(StoredObject stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        JsonObject json = JsonNode.Parse(stored.Json) as JsonObject
            ?? throw new DraglineException(DraglineErrorReason.Malformed, $"the stored {StoreErrors.Describe(stored.Kind, stored.Namespace, stored.Name)} is not a JSON object");
        string apiVersion = json["apiVersion"]?.GetValue<string>() ?? "";
        KindInfo? info = KindRegistry.Default.Find(apiVersion, stored.Kind);
        KubeObject obj;
        if (info is not null)
        {
            try
            {
                obj = (KubeObject)(json.Deserialize(info.TypeInfo) ?? throw new JsonException("null"));
            }
            catch (JsonException ex)
            {
                throw new DraglineException(DraglineErrorReason.Malformed,
                    $"the stored {StoreErrors.Describe(stored.Kind, stored.Namespace, stored.Name)} cannot be read as {stored.Kind}: {ex.Message}; apply it again", ex);
            }
        }
        else
        {
            var unstructured = new UnstructuredObject(json) { ApiVersion = apiVersion, Kind = stored.Kind };
            if (json["metadata"] is JsonObject metadata)
            {
                unstructured.Metadata = metadata.Deserialize(ApiJsonContext.Default.ObjectMeta) ?? new ObjectMeta();
            }

            obj = unstructured;
        }

        obj.Metadata.ResourceVersion = stored.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        return obj;
    }

    private async Task FillStatusAsync(SpiderIPPool pool, CancellationToken cancellationToken)
    {
        PoolAllocations allocations = await _allocations.ReadPoolAsync(pool.Metadata.Name ?? "", cancellationToken).ConfigureAwait(false);
        var records = new SortedDictionary<string, PoolIPAllocation>(StringComparer.Ordinal);
        foreach ((string ip, AllocationRecord record) in allocations.Records)
        {
            records[ip] = new PoolIPAllocation { Pod = record.Owner.PodReference, PodUid = record.Owner.PodUid };
        }

        UInt128? total = SpiderIPPoolValidator.TotalIPCount(pool.Spec);
        pool.Status = new IPPoolStatus
        {
            AllocatedIPs = IPPoolStatus.FormatAllocatedIPs(records),
            AllocatedIPCount = records.Count,
            TotalIPCount = total is { } t ? (long)UInt128.Min(t, long.MaxValue) : null,
        };
    }

    private async Task<List<KubeObject>> LoadValidatedKindsAsync(CancellationToken cancellationToken)
    {
        var existing = new List<KubeObject>();
        foreach (ObjectKind kind in ObjectKinds.All.Where(k => !k.IsCore))
        {
            foreach (StoredObject stored in (await _objects.ListAsync(kind.Kind, null, cancellationToken).ConfigureAwait(false)).Items)
            {
                KubeObject obj;
                try
                {
                    obj = Decode(stored);
                }
                catch (DraglineException)
                {
                    continue; // an unreadable stored object is replaced by the next apply of it
                }

                if (obj is SpiderIPPool pool)
                {
                    await FillStatusAsync(pool, cancellationToken).ConfigureAwait(false);
                }

                existing.Add(obj);
            }
        }

        return existing;
    }

    private void Normalize(JsonObject json, ObjectKind kind, string ns, StoredObject? existing)
    {
        // Allocation state lives in the IPAM store; a status in a manifest (kubectl get -o yaml) is not kept.
        json.Remove("status");
        if (json["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            json["metadata"] = metadata;
        }

        metadata.Remove("resourceVersion");
        if (kind.Namespaced)
        {
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        JsonObject? previous = existing is null ? null : (JsonNode.Parse(existing.Json) as JsonObject)?["metadata"] as JsonObject;
        if (metadata["creationTimestamp"] is null)
        {
            metadata["creationTimestamp"] = previous?["creationTimestamp"]?.DeepClone()
                ?? _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        if (metadata["uid"] is null)
        {
            metadata["uid"] = previous?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
        }
    }

    private static bool SameContent(string storedJson, string newJson) =>
        JsonNode.DeepEquals(JsonNode.Parse(storedJson), JsonNode.Parse(newJson));

    private static DraglineException NotFound(ObjectKind kind, string name) =>
        new(DraglineErrorReason.NotFound, $"{kind.Plural}{(kind.Group.Length > 0 ? "." + kind.Group : "")} \"{name}\" not found");
}
