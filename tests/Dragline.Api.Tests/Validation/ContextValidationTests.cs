using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using static Dragline.Api.Tests.Validation.ManifestSnippets;

namespace Dragline.Api.Tests.Validation;

/// <summary>Rules judged against other objects: earlier objects in the same input, or a context filled from a store.</summary>
public sealed class ContextValidationTests
{
    private static IReadOnlyList<ValidationProblem> Validate(string yaml, ValidationContext? context = null) =>
        ManifestValidator.Validate(ManifestReader.Default.ReadString(yaml), context);

    [Fact]
    public void PoolsWithOverlappingDifferentCidrsAreRejected()
    {
        IReadOnlyList<ValidationProblem> problems = Validate(Pool("subnet: 10.0.0.0/16", "a") + "---\n" + Pool("subnet: 10.0.1.0/24", "b"));
        Assert.Equal([new ValidationProblem("SpiderIPPool/b", "spec.subnet", "overlap with IPPool a which 'spec.subnet' is 10.0.0.0/16")], problems);
    }

    [Fact]
    public void PoolsOfTheSameCidrMustNotShareAddresses()
    {
        IReadOnlyList<ValidationProblem> problems = Validate(
            Pool("subnet: 10.0.0.0/24\nips: [10.0.0.10-10.0.0.20]", "a") + "---\n"
            + Pool("subnet: 10.0.0.0/24\nips: [10.0.0.15-10.0.0.30]\nexcludeIPs: [10.0.0.17]", "b") + "---\n"
            + Pool("subnet: 10.0.0.0/24\nips: [10.0.0.21-10.0.0.30]", "c"));
        Assert.Equal(
            [new ValidationProblem("SpiderIPPool/b", "spec.ips", "overlap with IPPool a in IP ranges [10.0.0.15-10.0.0.16 10.0.0.18-10.0.0.20], total IP addresses of an IPPool are jointly determined by 'spec.ips' and 'spec.excludeIPs'")],
            problems);
    }

    [Fact]
    public void PoolsOfDifferentFamiliesNeverOverlap()
    {
        Assert.Empty(Validate(Pool("subnet: 10.0.0.0/8", "a") + "---\n" + Pool("subnet: \"fd00::/8\"", "b")));
    }

    [Fact]
    public void RemovingAnInUseAddressOnUpdateIsRejected()
    {
        var stored = (SpiderIPPool)ManifestReader.Default.ReadString(Pool("subnet: 10.0.0.0/24\nipVersion: 4\nips: [10.0.0.10-10.0.0.20]")).Single().Object;
        stored.Status = new IPPoolStatus
        {
            AllocatedIPs = IPPoolStatus.FormatAllocatedIPs(new Dictionary<string, PoolIPAllocation>
            {
                ["10.0.0.12"] = new() { Pod = "default/a", PodUid = "u1" },
                ["10.0.0.19"] = new() { Pod = "default/b", PodUid = "u2" },
            }),
        };
        var context = new ValidationContext(existing: [stored]);

        IReadOnlyList<ValidationProblem> problems = Validate(Pool("subnet: 10.0.0.0/24\nips: [10.0.0.10-10.0.0.20]\nexcludeIPs: [10.0.0.19]"), context);

        Assert.Equal(
            [new ValidationProblem("SpiderIPPool/p", "spec.ips", "remove an IP address 10.0.0.19 that is being used by Pod default/b, total IP addresses of an IPPool are jointly determined by 'spec.ips' and 'spec.excludeIPs'")],
            problems);
    }

    [Fact]
    public void ChangingSubnetOrVersionIsRejectedAndTerminatingPoolsCannotBeUpdated()
    {
        var stored = (SpiderIPPool)ManifestReader.Default.ReadString(Pool("subnet: 10.0.0.0/24\nipVersion: 4")).Single().Object;
        stored.Metadata.DeletionTimestamp = "2026-01-01T00:00:00Z";
        var context = new ValidationContext(existing: [stored]);

        IReadOnlyList<ValidationProblem> problems = Validate(Pool("subnet: \"fd00::/64\""), context);

        Assert.Contains(new ValidationProblem("SpiderIPPool/p", "", "cannot update a terminating IPPool"), problems);
        Assert.Contains(new ValidationProblem("SpiderIPPool/p", "spec.ipVersion", "is not changeable"), problems);
        Assert.Contains(new ValidationProblem("SpiderIPPool/p", "spec.subnet", "is not changeable"), problems);
    }

    [Fact]
    public void ARejectedObjectDoesNotBecomeExisting()
    {
        // The first pool is invalid (gateway outside), so it is never "created"; the second, overlapping it, is fine.
        IReadOnlyList<ValidationProblem> problems = Validate(Pool("subnet: 10.0.0.0/16\ngateway: 10.1.0.1", "a") + "---\n" + Pool("subnet: 10.0.1.0/24", "b"));
        Assert.Equal([new ValidationProblem("SpiderIPPool/a", "spec.gateway", "not pertains to the 'spec.subnet' 10.0.0.0/16 of IPPool")], problems);
    }

    [Fact]
    public void SubnetsMustNotOverlapNorTakeOverUncontrolledPools()
    {
        IReadOnlyList<ValidationProblem> problems = Validate(
            Subnet("subnet: 10.0.0.0/16", "s1") + "---\n" + Subnet("subnet: 10.0.5.0/24", "s2") + "---\n"
            + Pool("subnet: 10.1.0.0/24", "p1") + "---\n" + Pool("subnet: 10.2.0.0/24", "p2") + "---\n"
            + Subnet("subnet: 10.1.0.0/16", "s3") + "---\n" + Subnet("subnet: 10.2.0.0/24", "s4"));
        Assert.Equal(
            [
                new ValidationProblem("SpiderSubnet/s2", "spec.subnet", "overlap with Subnet s1 which 'spec.subnet' is 10.0.0.0/16"),
                new ValidationProblem("SpiderSubnet/s3", "spec.subnet", "overlap with SpiderIPPool 'p1' resource 'spec.subnet' 10.1.0.0/24"),
                new ValidationProblem("SpiderSubnet/s4", "spec.subnet", "SpiderIPPool 'p2' owns some IP addresses that SpiderSubnet 's4' can't control"),
            ],
            problems);
    }

    [Fact]
    public void SubnetCannotDropRangesItsPoolsHold()
    {
        var stored = (SpiderSubnet)ManifestReader.Default.ReadString(Subnet("subnet: 10.0.0.0/24\nipVersion: 4\nips: [10.0.0.10-10.0.0.100]")).Single().Object;
        stored.Status = new SubnetStatus { ControlledIPPools = """{"p1":{"ips":["10.0.0.10-10.0.0.20"],"application":"x"}}""" };
        IReadOnlyList<ValidationProblem> problems = Validate(Subnet("subnet: 10.0.0.0/24\nips: [10.0.0.15-10.0.0.100]"), new ValidationContext(existing: [stored]));
        Assert.Equal(
            [new ValidationProblem("SpiderSubnet/s", "spec.ips", "remove some IP ranges [10.0.0.10-10.0.0.14] that is being used by IPPool p1, total IP addresses of a Subnet are jointly determined by 'spec.ips' and 'spec.excludeIPs'")],
            problems);
    }

    [Fact]
    public void PoliciesOnTheSameNodesAndPfWithOverlappingVfRangesConflict()
    {
        IReadOnlyList<ValidationProblem> problems = Validate(
            Policy("nicSelector: {pfNames: [\"ens1f0#0-3\"]}\nnumVfs: 8", "a") + "---\n"
            + Policy("nicSelector: {pfNames: [\"ens1f0#4-7\"]}\nnumVfs: 8", "b") + "---\n"
            + Policy("nicSelector: {pfNames: [\"ens1f0#3-5\"]}\nnumVfs: 8", "c") + "---\n"
            + Policy("nicSelector: {pfNames: [ens1f1]}\nnumVfs: 8", "d") + "---\n"
            + Policy("nicSelector: {pfNames: [ens1f1]}\nnumVfs: 8\nnodeSelector: {other: x}", "e"));
        Assert.Equal(
            [
                new ValidationProblem("SriovNetworkNodePolicy/kube-system/c", "spec.nicSelector.pfNames[0]", "VF index range in ens1f0#3-5 is overlapped with existing policy a"),
                new ValidationProblem("SriovNetworkNodePolicy/kube-system/c", "spec.nicSelector.pfNames[0]", "VF index range in ens1f0#3-5 is overlapped with existing policy b"),
                new ValidationProblem("SriovNetworkNodePolicy/kube-system/e", "spec.nicSelector.pfNames[0]", "VF index range in ens1f1 is overlapped with existing policy d (if both select a common node)", ValidationSeverity.Warning),
            ],
            problems);
    }

    [Fact]
    public void PoliciesSharingRootDeviceOrResourceWithDifferentTopologyConflict()
    {
        IReadOnlyList<ValidationProblem> problems = Validate(
            Policy("nicSelector: {rootDevices: [\"0000:86:00.0\"]}\nresourceName: r1", "a") + "---\n"
            + Policy("nicSelector: {rootDevices: [\"0000:86:00.0\"]}\nresourceName: r2", "b") + "---\n"
            + Policy("nicSelector: {rootDevices: [\"0000:87:00.0\"]}\nresourceName: r1\nexcludeTopology: true", "c"));
        Assert.Equal(
            [
                new ValidationProblem("SriovNetworkNodePolicy/kube-system/b", "spec.nicSelector.rootDevices[0]", "root device 0000:86:00.0 is overlapped with existing policy a"),
                new ValidationProblem("SriovNetworkNodePolicy/kube-system/c", "spec.excludeTopology", "excludeTopology[true] field conflicts with policy [a].ExcludeTopology[false] as they target the same resource[r1]"),
            ],
            problems);
    }
}
