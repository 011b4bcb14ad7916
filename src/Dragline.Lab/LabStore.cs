using System.Text.Json.Nodes;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;
using Dragline.Ipam.Stores;

namespace Dragline.Lab;

/// <summary>
/// The lab's SQLite store: the manifests' objects and the lab's pods written before the agents start, and the
/// allocations counted after CNI DEL (every one should be gone). The only lab file that knows the store's factory
/// and the object writer.
/// </summary>
public static class LabStore
{
    public static async Task StoreObjectsAsync(LabState state, List<ManifestDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(documents);
        var toStore = documents.Where(d => ObjectKinds.Find(d.Object.ApiVersion, d.Object.Kind) is not null && d.Object.Kind != "Pod").ToList();
        foreach (LabPodState pod in state.Pods)
        {
            var json = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["name"] = pod.Name,
                    ["namespace"] = pod.PodNamespace,
                    ["uid"] = pod.Uid,
                    ["annotations"] = new JsonObject(pod.Annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))),
                },
                ["spec"] = new JsonObject { ["nodeName"] = pod.Node },
            };
            toStore.AddRange(ManifestReader.Default.ReadString(json.ToJsonString(), "lab"));
        }

        IStateStore store = StateStoreFactory.Open(state.Store);
        await using (store.ConfigureAwait(false))
        {
            ApplyResult result = await new StoredObjects(store, store).ApplyAsync(toStore, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new LabException($"the store refused the lab's objects: {string.Join("; ", result.Problems)}");
            }
        }
    }

    /// <summary>Fills <see cref="LabDownReport.RemainingAllocations"/> and its details from the store; a store that cannot be read is a problem.</summary>
    public static async Task CountAllocationsAsync(string storeUri, LabDownReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            IStateStore store = StateStoreFactory.Open(storeUri);
            await using (store.ConfigureAwait(false))
            {
                int count = 0;
                foreach (string pool in await store.ListPoolsAsync(cancellationToken).ConfigureAwait(false))
                {
                    PoolAllocations allocations = await store.ReadPoolAsync(pool, cancellationToken).ConfigureAwait(false);
                    count += allocations.Records.Count;
                    report.RemainingAllocationDetails.AddRange(allocations.Records.Select(r => $"{pool}:{r.Key} ({r.Value.Owner.PodReference})"));
                }

                report.RemainingAllocations = count;
            }
        }
        catch (DraglineException ex)
        {
            report.Problems.Add($"cannot read the store {storeUri}: {ex.Message}");
        }
    }
}
