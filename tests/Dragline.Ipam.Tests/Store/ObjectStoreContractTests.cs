using Dragline.Core;
using Dragline.Ipam.Store;

namespace Dragline.Ipam.Tests.Store;

/// <summary>The standalone object store contract: every <see cref="IObjectStore"/> passes these.</summary>
public abstract class ObjectStoreContractTests
{
    protected abstract ValueTask<IObjectStore> OpenObjectsAsync();

    [Fact]
    public async Task Put_ThenGet_ReturnsTheJsonAndAResourceVersion()
    {
        await using IObjectStore store = await OpenObjectsAsync();
        long rv = await store.PutAsync("SpiderIPPool", "", "pool-a", """{"spec":{"subnet":"10.0.0.0/24"}}""");

        StoredObject? got = await store.GetAsync("SpiderIPPool", "", "pool-a");

        Assert.NotNull(got);
        Assert.Equal("""{"spec":{"subnet":"10.0.0.0/24"}}""", got.Json);
        Assert.Equal(rv, got.ResourceVersion);
        Assert.True(rv > 0);
        Assert.Null(await store.GetAsync("SpiderIPPool", "", "pool-b"));
    }

    [Fact]
    public async Task Put_WithExpectedVersion_IsCompareAndSwap()
    {
        await using IObjectStore store = await OpenObjectsAsync();
        long v1 = await store.PutAsync("Pod", "default", "p", "{\"v\":1}", expectedResourceVersion: 0);
        long v2 = await store.PutAsync("Pod", "default", "p", "{\"v\":2}", expectedResourceVersion: v1);
        Assert.True(v2 > v1);

        DraglineException stale = await Assert.ThrowsAsync<DraglineException>(async () => await store.PutAsync("Pod", "default", "p", "{\"v\":3}", expectedResourceVersion: v1));
        Assert.Equal(DraglineErrorReason.Conflict, stale.Reason);
        Assert.Contains("Pod/default/p", stale.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DraglineException>(async () => await store.PutAsync("Pod", "default", "p", "{}", expectedResourceVersion: 0));
        Assert.Equal("{\"v\":2}", (await store.GetAsync("Pod", "default", "p"))?.Json);
    }

    [Fact]
    public async Task List_FiltersByKindAndNamespace()
    {
        await using IObjectStore store = await OpenObjectsAsync();
        await store.PutAsync("Pod", "ns1", "b", "{}");
        await store.PutAsync("Pod", "ns1", "a", "{}");
        await store.PutAsync("Pod", "ns2", "c", "{}");
        await store.PutAsync("Namespace", "", "ns1", "{}");

        ObjectList all = await store.ListAsync("Pod");
        ObjectList ns1 = await store.ListAsync("Pod", "ns1");

        Assert.Equal(["ns1/a", "ns1/b", "ns2/c"], all.Items.Select(o => $"{o.Namespace}/{o.Name}"));
        Assert.Equal(["a", "b"], ns1.Items.Select(o => o.Name));
        Assert.True(all.Revision >= all.Items.Max(o => o.ResourceVersion));
    }

    [Fact]
    public async Task Delete_RemovesAndReportsWhetherItExisted()
    {
        await using IObjectStore store = await OpenObjectsAsync();
        long rv = await store.PutAsync("SpiderReservedIP", "", "r", "{}");
        await Assert.ThrowsAsync<DraglineException>(async () => await store.DeleteAsync("SpiderReservedIP", "", "r", expectedResourceVersion: rv + 1000));
        Assert.True(await store.DeleteAsync("SpiderReservedIP", "", "r", expectedResourceVersion: rv));
        Assert.False(await store.DeleteAsync("SpiderReservedIP", "", "r"));
        Assert.Null(await store.GetAsync("SpiderReservedIP", "", "r"));
    }

    [Fact]
    public async Task Watch_AfterAList_SeesLaterPutsAndDeletesOfThatKindInOrder()
    {
        await using IObjectStore store = await OpenObjectsAsync();
        await store.PutAsync("SpiderIPPool", "", "before", "{}");
        ObjectList listed = await store.ListAsync("SpiderIPPool");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        Task watching = Task.Run(async () =>
        {
            await foreach (ObjectChange change in store.WatchAsync("SpiderIPPool", listed.Revision, cts.Token))
            {
                seen.Add($"{change.Type} {change.Object.Name}");
                if (seen.Count == 3)
                {
                    break;
                }
            }
        });

        await store.PutAsync("SpiderIPPool", "", "one", "{}");
        await store.PutAsync("Pod", "default", "not-a-pool", "{}");
        await store.PutAsync("SpiderIPPool", "", "two", "{}");
        await store.DeleteAsync("SpiderIPPool", "", "one");
        await watching;

        Assert.Equal(["Put one", "Put two", "Delete one"], seen);
    }
}
