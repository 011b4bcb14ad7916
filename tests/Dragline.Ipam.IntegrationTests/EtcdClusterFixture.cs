namespace Dragline.Ipam.IntegrationTests;

/// <summary>One 3-member cluster shared by the etcd contract tests; each test uses its own key prefix.</summary>
public sealed class EtcdClusterFixture : IAsyncLifetime
{
    public EtcdCluster? Cluster { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!EtcdCluster.IsAvailable)
        {
            SkipReason = $"{EtcdCluster.EtcdBinary} is not installed (Debian package etcd-server)";
            return;
        }

        Cluster = await EtcdCluster.StartAsync(3, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}
