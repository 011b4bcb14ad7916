namespace Dragline.Ipam.IntegrationTests;

[CollectionDefinition(Name)]
public sealed class EtcdCollection : ICollectionFixture<EtcdClusterFixture>
{
    public const string Name = "etcd cluster";
}
