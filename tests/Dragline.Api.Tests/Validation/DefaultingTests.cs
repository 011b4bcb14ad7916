using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using static Dragline.Api.Tests.Validation.ManifestSnippets;

namespace Dragline.Api.Tests.Validation;

public sealed class DefaultingTests
{
    private static T Defaulted<T>(string yaml)
        where T : KubeObject
    {
        IReadOnlyList<ManifestDocument> docs = ManifestReader.Default.ReadString(yaml);
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(docs);
        Assert.DoesNotContain(problems, p => p.Severity == ValidationSeverity.Error);
        return Assert.IsType<T>(docs.Single().Object);
    }

    [Fact]
    public void PoolGetsVersionMergedIpsCidrLabelFinalizerAndFlags()
    {
        SpiderIPPool pool = Defaulted<SpiderIPPool>(Pool("subnet: 10.148.4.0/24\nips: [10.148.4.9, 10.148.4.1-10.148.4.3, 10.148.4.4, 10.148.4.2, 10.148.4.20-10.148.4.30]\nexcludeIPs: [10.148.4.25, 10.148.4.24]"));
        Assert.Equal(4, pool.Spec.IPVersion);
        Assert.Equal(["10.148.4.1-10.148.4.4", "10.148.4.9", "10.148.4.20-10.148.4.30"], pool.Spec.IPs);
        Assert.Equal(["10.148.4.24-10.148.4.25"], pool.Spec.ExcludeIPs);
        Assert.Equal("10-148-4-0-24", pool.Metadata.Labels!["ipam.spidernet.io/ippool-cidr"]);
        Assert.Equal(["spiderpool.spidernet.io"], pool.Metadata.Finalizers);
        Assert.False(pool.Spec.Default);
        Assert.False(pool.Spec.Disable);
    }

    [Fact]
    public void Ipv6PoolVersionAndLabel()
    {
        SpiderIPPool pool = Defaulted<SpiderIPPool>(Pool("subnet: \"fd00:10::/64\"\nips: [\"fd00:10::2\", \"fd00:10::1\"]"));
        Assert.Equal(6, pool.Spec.IPVersion);
        Assert.Equal(["fd00:10::1-fd00:10::2"], pool.Spec.IPs);
        Assert.Equal("fd00-10---64", pool.Metadata.Labels!["ipam.spidernet.io/ippool-cidr"]);
    }

    [Fact]
    public void ExplicitValuesAreKept()
    {
        SpiderIPPool pool = Defaulted<SpiderIPPool>(Pool("subnet: 10.0.0.0/24\ndefault: true\ndisable: true"));
        Assert.True(pool.Spec.Default);
        Assert.True(pool.Spec.Disable);
    }

    [Fact]
    public void ReservedIPVersionComesFromTheFirstAddress()
    {
        SpiderReservedIP reserved = Defaulted<SpiderReservedIP>(Reserved("ips: [\"fd00::5\", \"fd00::3-fd00::4\"]"));
        Assert.Equal(6, reserved.Spec.IPVersion);
        Assert.Equal(["fd00::3-fd00::5"], reserved.Spec.IPs);
    }

    [Fact]
    public void SubnetGetsVersionAndMergedIps()
    {
        SpiderSubnet subnet = Defaulted<SpiderSubnet>(Subnet("subnet: 10.0.0.0/24\nips: [10.0.0.5, 10.0.0.4]"));
        Assert.Equal(4, subnet.Spec.IPVersion);
        Assert.Equal(["10.0.0.4-10.0.0.5"], subnet.Spec.IPs);
    }

    [Fact]
    public void PolicyGetsPriorityIsRdmaAndDeviceType()
    {
        SriovNetworkNodePolicy policy = Defaulted<SriovNetworkNodePolicy>(Policy("numVfs: 4"));
        Assert.Equal(99, policy.Spec.Priority);
        Assert.False(policy.Spec.IsRdma);
        Assert.Equal("netdevice", policy.Spec.DeviceType);
    }

    [Theory]
    [InlineData("linkType: IB", true)]
    [InlineData("linkType: ib\nisRdma: false", true)]
    [InlineData("linkType: IB\ndeviceType: vfio-pci", false)]
    [InlineData("linkType: eth", false)]
    public void InfiniBandPoliciesAreRdma(string spec, bool isRdma)
    {
        SriovNetworkNodePolicy policy = Defaulted<SriovNetworkNodePolicy>(Policy(spec));
        Assert.Equal(isRdma, policy.Spec.IsRdma);
    }

    [Fact]
    public void PolicyNamedDefaultIsNotDefaulted()
    {
        SriovNetworkNodePolicy policy = Defaulted<SriovNetworkNodePolicy>(Policy("numVfs: 4", name: "default"));
        Assert.Null(policy.Spec.Priority);
        Assert.Null(policy.Spec.IsRdma);
    }

    [Fact]
    public void InvalidInputIsLeftForValidationToReport()
    {
        IReadOnlyList<ManifestDocument> docs = ManifestReader.Default.ReadString(Pool("subnet: 10.0.0.0/24\nips: [10.0.0.9, bogus]"));
        ManifestValidator.Validate(docs);
        Assert.Equal(["10.0.0.9", "bogus"], ((SpiderIPPool)docs[0].Object).Spec.IPs);
    }
}
