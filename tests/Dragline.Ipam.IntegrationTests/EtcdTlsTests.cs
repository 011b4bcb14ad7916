using Dragline.Core;
using Dragline.Ipam.Store;
using Dragline.Ipam.Stores;

namespace Dragline.Ipam.IntegrationTests;

/// <summary>The etcd store against a member started with <c>--client-cert-auth</c> and a test-minted CA.</summary>
public sealed class EtcdTlsTests(EtcdTlsServer server) : IClassFixture<EtcdTlsServer>
{
    private readonly string _prefix = "/tls-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task RightCaAndClientCertificate_CommitAndReadRoundTrip()
    {
        await using IStateStore store = Open($"cacert={server.CaPath}&cert={server.ClientCertPath}&key={server.ClientKeyPath}");
        CommitResult result = await store.CommitAsync("pool-a", StoreVersion.None,
            [AllocationChange.Reserve(new AllocationRecord("10.0.0.5", new AllocationOwner("", "", "", "abc123", "eth0", "host1"), DateTimeOffset.UnixEpoch))], TestContext.Current.CancellationToken);
        Assert.True(result.IsCommitted);

        PoolAllocations pool = await store.ReadPoolAsync("pool-a", TestContext.Current.CancellationToken);
        Assert.Equal("abc123", pool.Records["10.0.0.5"].Owner.ContainerId);
    }

    [Fact]
    public async Task ClientCertificateFromAnotherCa_IsRefusedNamingCertAndKey()
    {
        await using IStateStore store = Open($"cacert={server.CaPath}&cert={server.OtherClientCertPath}&key={server.OtherClientKeyPath}");
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(() => store.ReadPoolAsync("pool-a", TestContext.Current.CancellationToken).AsTask());
        AssertTlsRefusal(error, "cert");
    }

    [Fact]
    public async Task NoClientCertificate_IsRefusedNamingCertAndKey()
    {
        await using IStateStore store = Open($"cacert={server.CaPath}");
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(() => store.ReadPoolAsync("pool-a", TestContext.Current.CancellationToken).AsTask());
        AssertTlsRefusal(error, "cert");
    }

    [Fact]
    public async Task ServerNotSignedByTheGivenCa_IsRefusedNamingCacert()
    {
        await using IStateStore store = Open($"cacert={server.OtherCaPath}&cert={server.ClientCertPath}&key={server.ClientKeyPath}");
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(() => store.ReadPoolAsync("pool-a", TestContext.Current.CancellationToken).AsTask());
        AssertTlsRefusal(error, "cacert");
    }

    private IStateStore Open(string query)
    {
        if (server.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return StateStoreFactory.Open($"etcds://{server.Endpoint.Authority}{_prefix}?{query}");
    }

    private void AssertTlsRefusal(DraglineException error, string parameter)
    {
        // Messages go into the assertion text so a failure shows what the operator would have read.
        Assert.Equal(DraglineErrorReason.Unavailable, error.Reason);
        Assert.True(error.Message.Contains(server.Endpoint.Authority, StringComparison.Ordinal), error.Message);
        Assert.True(error.Message.Contains("TLS", StringComparison.Ordinal), error.Message);
        Assert.True(error.Message.Contains(parameter + "=", StringComparison.Ordinal), error.Message);
        Assert.True(error.InnerException?.ToString().Length > 0, "the gRPC error is kept as the inner exception");
    }
}
