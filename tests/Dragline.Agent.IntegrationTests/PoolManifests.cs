namespace Dragline.Agent.IntegrationTests;

/// <summary>SpiderIPPool manifests the tests apply.</summary>
internal static class PoolManifests
{
    public static string Pool(string name, string subnet, string ips, string? gateway = null) =>
        $"""
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: {name}
        spec:
          subnet: {subnet}
          ips: ["{ips}"]
        {(gateway is null ? "" : $"  gateway: {gateway}\n")}
        """;
}
