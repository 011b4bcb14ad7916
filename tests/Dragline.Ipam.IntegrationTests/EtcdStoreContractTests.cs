using Dragline.Ipam.Etcd;
using Dragline.Ipam.Store;
using Dragline.Ipam.Tests.Store;

namespace Dragline.Ipam.IntegrationTests;

[Collection(EtcdCollection.Name)]
public sealed class EtcdStoreContractTests(EtcdClusterFixture fixture) : IpamStoreContractTests
{
    private readonly string _prefix = "/test-" + Guid.NewGuid().ToString("N");

    protected override ValueTask<IIpamStore> OpenAsync()
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return ValueTask.FromResult<IIpamStore>(new EtcdStore(new EtcdStoreOptions { Endpoints = fixture.Cluster!.Endpoints, KeyPrefix = _prefix }));
    }
}

[Collection(EtcdCollection.Name)]
public sealed class EtcdObjectStoreContractTests(EtcdClusterFixture fixture) : ObjectStoreContractTests
{
    private readonly string _prefix = "/test-" + Guid.NewGuid().ToString("N");

    protected override ValueTask<IObjectStore> OpenObjectsAsync()
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return ValueTask.FromResult<IObjectStore>(new EtcdStore(new EtcdStoreOptions { Endpoints = fixture.Cluster!.Endpoints, KeyPrefix = _prefix }));
    }
}
