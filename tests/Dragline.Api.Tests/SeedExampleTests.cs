using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using Dragline.Testing;

namespace Dragline.Api.Tests;

/// <summary>The seed's manifests (examples/seed/ib-sriov.yaml) read, default and validate cleanly.</summary>
public sealed class SeedExampleTests
{
    [Fact]
    public void SeedReadsIntoTheExpectedObjects()
    {
        IReadOnlyList<ManifestDocument> docs = ManifestReader.Default.ReadFile(RepositoryPaths.SeedExample);
        Assert.Equal(["SriovNetworkNodePolicy", "SpiderIPPool", "SpiderMultusConfig", "DaemonSet"], docs.Select(d => d.Object.Kind));

        SriovNetworkNodePolicy policy = Assert.IsType<SriovNetworkNodePolicy>(docs[0].Object);
        Assert.Equal("mellanoxibsriov", policy.Spec.ResourceName);
        Assert.Equal(12, policy.Spec.NumVfs);
        Assert.Equal(["0000:86:00.0"], policy.Spec.NicSelector?.RootDevices);
        Assert.Equal("15b3", policy.Spec.NicSelector?.Vendor);
        Assert.Equal("1017", policy.Spec.NicSelector?.DeviceID);
        Assert.Equal("linux", policy.Spec.NodeSelector?["kubernetes.io/os"]);

        SpiderIPPool pool = Assert.IsType<SpiderIPPool>(docs[1].Object);
        Assert.Equal("172.81.0.0/16", pool.Spec.Subnet);
        Assert.Equal("172.81.0.1", pool.Spec.Gateway);

        Assert.IsType<UnstructuredObject>(docs[3].Object);
        Assert.All(docs, d => Assert.Empty(d.UnknownFields));
    }

    [Fact]
    public void SeedValidatesWithoutErrors()
    {
        IReadOnlyList<ManifestDocument> docs = ManifestReader.Default.ReadFile(RepositoryPaths.SeedExample);
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(docs);
        Assert.DoesNotContain(problems, p => p.Severity == ValidationSeverity.Error);

        SpiderIPPool pool = (SpiderIPPool)docs[1].Object;
        Assert.Equal(4, pool.Spec.IPVersion);
        Assert.Equal("172-81-0-0-16", pool.Metadata.Labels?["ipam.spidernet.io/ippool-cidr"]);
        Assert.Equal((UInt128)21, SpiderIPPoolValidator.TotalIPCount(pool.Spec));
    }
}
