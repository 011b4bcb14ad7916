using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.Sriov.Tests;

public sealed class SriovPolicyPlannerTests
{
    private static SriovNodePlan PlanTwoPort(string yaml, SriovNetworkNodeStateStatus? status = null) =>
        new SriovPolicyPlanner().Plan(PolicyText.Parse(yaml), PolicyText.LinuxNode, status ?? PolicyText.TwoPortNic());

    private static string Errors(SriovNodePlan plan) => string.Join("\n", plan.Problems.Where(p => p.Severity == SriovPlanSeverity.Error));

    /// <summary>The issue's case: the seed's policy on the seed's host gives ibs5f0 twelve VFs feeding spidernet.io/mellanoxibsriov.</summary>
    [Fact]
    public void SeedPolicyOnSeedHostGivesIbs5f0TwelveVfs()
    {
        List<SriovNetworkNodePolicy> policies = [.. ManifestReader.Default.ReadFile(FixtureTrees.RepositoryFile("examples", "seed", "ib-sriov.yaml"))
            .Select(d => d.Object).OfType<SriovNetworkNodePolicy>()];
        Assert.Single(policies);
        SriovNetworkNodeStateStatus status = SriovNodeStatusBuilder.Build(FixtureTrees.Discover(FixtureTrees.SeedHost));

        SriovNodePlan plan = new SriovPolicyPlanner().Plan(policies, new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }, status, "node1");

        Assert.False(plan.HasErrors, string.Join("\n", plan.Problems));
        SriovPfPlan pf = Assert.Single(plan.PhysicalFunctions);
        Assert.Equal("ibs5f0", pf.Name);
        Assert.Equal("0000:86:00.0", pf.PciAddress.ToString());
        Assert.Equal(12, pf.NumVfs);
        Assert.Equal(0, pf.CurrentNumVfs);
        Assert.Equal(127, pf.TotalVfs);
        Assert.Equal("IB", pf.LinkType);
        Assert.Equal(["policyibsriov"], pf.MatchedPolicies);
        Assert.True(pf.IsRdma);
        Assert.False(pf.ExternallyManaged);
        SriovVfGroupPlan group = Assert.Single(pf.VfGroups);
        Assert.Equal(("spidernet.io/mellanoxibsriov", 0, 11, "netdevice"), (group.ResourceName, group.FirstVf, group.LastVf, group.DeviceType));

        SriovResourcePlan resource = Assert.Single(plan.Resources);
        Assert.Equal("spidernet.io/mellanoxibsriov", resource.ResourceName);
        Assert.Equal("mellanoxibsriov", resource.ShortName);
        Assert.Equal(12, resource.VfCount);
        Assert.True(resource.IsRdma);
        Assert.Equal("IB", resource.LinkType);
        Assert.Equal(["ibs5f0#0-11"], resource.VfRanges.Select(r => r.ToString()));

        SriovInterfaceSpec spec = Assert.Single(plan.Spec.Interfaces!);
        Assert.Equal(("0000:86:00.0", 12L, "0-11", "mellanoxibsriov"), (spec.PciAddress, spec.NumVfs!.Value, spec.VfGroups![0].VfRange, spec.VfGroups[0].ResourceName));
    }

    [Fact]
    public void PolicyForOtherNodesIsSkippedWithTheMissingLabel()
    {
        string yaml = PolicyText.Policy("gpu", "{vendor: \"15b3\"}", 4, "r", nodeSelector: "{nvidia.com/gpu.present: \"true\"}");

        SriovNodePlan plan = PlanTwoPort(yaml);

        Assert.Empty(plan.PhysicalFunctions);
        SriovPolicyOutcome outcome = Assert.Single(plan.Policies);
        Assert.False(outcome.SelectsNode);
        Assert.Equal("nodeSelector does not match the node's labels: no nvidia.com/gpu.present=true", outcome.SkippedBecause);
    }

    [Fact]
    public void PolicyOutsideTheOperatorNamespaceIsNotUsed()
    {
        string yaml = PolicyText.Policy("elsewhere", "{vendor: \"15b3\"}", 4, "r").Replace("namespace: kube-system", "namespace: default", StringComparison.Ordinal);

        SriovNodePlan plan = PlanTwoPort(yaml);

        Assert.Empty(plan.PhysicalFunctions);
        Assert.Contains(plan.Problems, p => p.Message.EndsWith("elsewhere is created or updated but not used. Only policy in kube-system namespace is respected.", StringComparison.Ordinal));
        Assert.Equal("only policies in namespace kube-system are honoured; this one is in default", Assert.Single(plan.Policies).SkippedBecause);
    }

    [Fact]
    public void DefaultsAreAppliedBeforePlanning()
    {
        string yaml = PolicyText.Policy("ib", "{pfNames: [ens1f0]}", 2, "r", extra: "  linkType: ib\n");

        SriovNodePlan plan = PlanTwoPort(yaml);

        SriovVfGroupPlan group = Assert.Single(Assert.Single(plan.PhysicalFunctions).VfGroups);
        Assert.True(group.IsRdma); // forced for IB (1.4)
        Assert.Equal("netdevice", group.DeviceType);
        Assert.Equal(99, Assert.Single(plan.Policies).Priority);
        Assert.Equal("IB", plan.PhysicalFunctions[0].LinkType);
    }

    [Fact]
    public void EmptyNicSelectorIsRejectedWithUpstreamMessage()
    {
        SriovNodePlan plan = PlanTwoPort(PolicyText.Policy("empty", "{}", 2, "r"));

        Assert.Contains("at least one of these parameters (vendor, deviceID, pfNames, rootDevices or netFilter) has to be defined in nicSelector in CR empty", Errors(plan), StringComparison.Ordinal);
        Assert.Empty(plan.PhysicalFunctions);
    }

    /// <summary>Priority merge (sriov-rdma.md 1.6): lower number wins; a surviving group or an equal priority takes the larger numVfs and mtu.</summary>
    [Theory]
    [InlineData("lower number overrides an overlapping group",
        "a|{vendor: \"15b3\", deviceID: \"101d\"}|8|ra|99|  mtu: 9000\n", "b|{pfNames: [ens1f0]}|4|rb|10|", 4, null, "rb:0-3",
        "VFs 0-7 of ens1f0 for resource ra are overridden by policy b (priority 10), whose VFs 0-3 overlap them")]
    [InlineData("equal priority merges by name order and keeps the larger numVfs and mtu",
        "a|{vendor: \"15b3\", deviceID: \"101d\"}|8|ra|50|  mtu: 9000\n", "b|{pfNames: [ens1f0]}|4|rb|50|  mtu: 1500\n", 8, 9000, "rb:0-3",
        "VFs 0-7 of ens1f0 for resource ra are overridden by policy b (priority 50), whose VFs 0-3 overlap them")]
    [InlineData("non-overlapping ranges both survive and numVfs is the larger",
        "a|{pfNames: [\"ens1f0#0-3\"]}|8|ra|20|", "b|{pfNames: [\"ens1f0#4-7\"]}|8|rb|10|", 8, null, "rb:4-7,ra:0-3", null)]
    [InlineData("a surviving group keeps the larger numVfs and mtu even from the lower priority",
        "a|{pfNames: [\"ens1f0#0-1\"]}|16|ra|90|  mtu: 9000\n", "b|{pfNames: [\"ens1f0#8-9\"]}|10|rb|10|  mtu: 1500\n", 16, 9000, "rb:8-9,ra:0-1", null)]
    [InlineData("one resource split over two ranges by two policies keeps both (upstream drops the first)",
        "a|{pfNames: [\"ens1f0#0-3\"]}|8|r|20|", "b|{pfNames: [\"ens1f0#4-7\"]}|8|r|10|", 8, null, "r:4-7,r:0-3", null)]
    [InlineData("the lower priority alone when the higher does not select the PF",
        "a|{pfNames: [ens1f0]}|8|ra|99|", "b|{pfNames: [ens1f1]}|4|rb|10|", 8, null, "ra:0-7", null)]
    public void PriorityMerge(string title, string first, string second, int numVfs, int? mtu, string groups, string? warning)
    {
        SriovNodePlan plan = PlanTwoPort(ToYaml(first) + ToYaml(second));

        Assert.False(plan.HasErrors, $"{title}: {Errors(plan)}");
        SriovPfPlan pf = plan.FindPf("ens1f0")!;
        Assert.Equal(numVfs, pf.NumVfs);
        Assert.Equal(mtu, pf.Mtu);
        Assert.Equal(groups, string.Join(",", pf.VfGroups.Select(g => $"{g.ResourceName["spidernet.io/".Length..]}:{g.FirstVf}-{g.LastVf}")));
        if (warning is null)
        {
            Assert.DoesNotContain(plan.Problems, p => p.Severity == SriovPlanSeverity.Warning);
        }
        else
        {
            Assert.Contains(plan.Problems, p => p.Severity == SriovPlanSeverity.Warning && p.Message == warning);
        }
    }

    /// <summary>VF ranges: the webhook's parse messages, the default range, and a range through an altName.</summary>
    [Theory]
    [InlineData("{pfNames: [\"ens1f0#0-3\"]}", 8, "0-3", null)]
    [InlineData("{pfNames: [ens1f0]}", 8, "0-7", null)]
    [InlineData("{pfNames: [\"enp59s0f0#2-5\"]}", 8, "2-5", null)] // upstream ignores the range given through an altName
    [InlineData("{pfNames: [\"ens1f0#4-8\"]}", 8, null, "failed to parse ens1f0#4-8 PF name nicSelector, end range exceeds the maximum VF index ")]
    [InlineData("{pfNames: [\"ens1f0#5-2\"]}", 8, null, "failed to parse ens1f0#5-2 PF name nicSelector, end range shall not be smaller than start range")]
    [InlineData("{pfNames: [\"ens1f0#a-2\"]}", 8, null, "failed to parse ens1f0#a-2 PF name nicSelector, start range is incorrect")]
    [InlineData("{pfNames: [\"ens1f0#1-2-3\"]}", 8, null, "failed to parse ens1f0#1-2-3 PF name nicSelector, probably incorrect range character usage")]
    [InlineData("{pfNames: [\"ens1f0#1#2\"]}", 8, null, "failed to parse ens1f0#1#2 PF name in nicSelector, probably incorrect separator character usage")]
    [InlineData("{pfNames: [ens1f0]}", 100, null, "numVfs(100) in CR p exceed the maximum allowed value(64) interface(ens1f0)")]
    public void VfRanges(string nic, int numVfs, string? range, string? error)
    {
        SriovNodePlan plan = PlanTwoPort(PolicyText.Policy("p", nic, numVfs, "r"));

        if (error is null)
        {
            Assert.False(plan.HasErrors, Errors(plan));
            SriovVfGroupPlan group = Assert.Single(Assert.Single(plan.PhysicalFunctions).VfGroups);
            Assert.Equal(range, $"{group.FirstVf}-{group.LastVf}");
            Assert.Equal("ens1f0", plan.PhysicalFunctions[0].Name);
        }
        else
        {
            Assert.Contains(plan.Problems, p => p.Severity == SriovPlanSeverity.Error && p.Message.EndsWith(error, StringComparison.Ordinal));
            Assert.Empty(plan.PhysicalFunctions);
        }
    }

    /// <summary>Conflicts between policies on this node, judged on the PF both select (altNames resolved), with upstream's messages.</summary>
    [Theory]
    [InlineData("overlapping ranges on one PF, different node selectors",
        "a|{pfNames: [\"ens1f0#0-3\"]}|8|ra||", "b|{pfNames: [\"ens1f0#2-5\"]}|8|rb||", "{node-role.kubernetes.io/worker: \"\"}",
        "VF index range in ens1f0#2-5 is overlapped with existing policy a")]
    [InlineData("overlapping ranges, one named through the altName",
        "a|{pfNames: [\"ens1f0#0-3\"]}|8|ra||", "b|{pfNames: [\"enp59s0f0#3-5\"]}|8|rb||", null,
        "VF index range in enp59s0f0#3-5 is overlapped with existing policy a")]
    [InlineData("two whole-PF policies on one PF",
        "a|{pfNames: [ens1f0]}|8|ra||", "b|{pfNames: [enp59s0f0]}|4|rb||", null,
        "VF index range in enp59s0f0 is overlapped with existing policy a")]
    [InlineData("one root device in two policies",
        "a|{rootDevices: [\"0000:3b:00.0\"]}|8|ra||", "b|{rootDevices: [\"3b:00.0\"]}|4|rb||", "{node-role.kubernetes.io/worker: \"\"}",
        "root device 0000:3b:00.0 is overlapped with existing policy a")]
    [InlineData("externally managed on one side only",
        "a|{pfNames: [\"ens1f0#0-3\"]}|4|ra||  externallyManaged: true\n", "b|{pfNames: [\"ens1f0#4-7\"]}|8|rb||", null,
        "externallyManage is inconsistent with existing policy a")]
    [InlineData("one resource, different excludeTopology",
        "a|{pfNames: [ens1f0]}|4|r||", "b|{pfNames: [ens1f1]}|4|r||  excludeTopology: true\n", "{node-role.kubernetes.io/worker: \"\"}",
        "excludeTopology[true] field conflicts with policy [a].ExcludeTopology[false] as they target the same resource[r]")]
    public void Conflicts(string title, string first, string second, string? secondNodeSelector, string message)
    {
        SriovNodePlan plan = PlanTwoPort(ToYaml(first, null, 8) + ToYaml(second, secondNodeSelector, 8), PolicyText.TwoPortNic(currentVfs: 4));

        Assert.True(plan.HasErrors, title);
        SriovPlanProblem problem = Assert.Single(plan.Problems, p => p.Severity == SriovPlanSeverity.Error);
        Assert.Equal("b", problem.Policy);
        Assert.EndsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitRangesThroughNameAndAltNameDoNotConflict()
    {
        SriovNodePlan plan = PlanTwoPort(ToYaml("a|{pfNames: [\"ens1f0#0-3\"]}|8|ra||") + ToYaml("b|{pfNames: [\"enp59s0f0#4-7\"]}|8|rb||"));

        Assert.False(plan.HasErrors, Errors(plan));
        Assert.Equal(["spidernet.io/ra", "spidernet.io/rb"], plan.Resources.Select(r => r.ResourceName));
        Assert.Equal(["ens1f0#4-7"], plan.FindResource("rb")!.VfRanges.Select(r => r.ToString())); // the real name, for the device plugin
    }

    [Theory]
    [InlineData("  externallyManaged: true\n", 2, "numVfs(4) in CR p is higher than the virtual functions allocated for the PF externally value(2)")]
    [InlineData("  externallyManaged: true\n  mtu: 9000\n", 4, "MTU(9000) in CR p is higher than the MTU for the PF externally value(1500)")]
    [InlineData("  externallyManaged: true\n  linkType: ib\n", 4, "LinkType(ib) in CR p is not equal to the LinkType for the PF externally value(ETH)")]
    public void ExternallyManagedChecks(string extra, long currentVfs, string message)
    {
        SriovNodePlan plan = PlanTwoPort(PolicyText.Policy("p", "{pfNames: [ens1f0]}", 4, "r", extra: extra), PolicyText.TwoPortNic(currentVfs: currentVfs));

        Assert.Equal(message, Assert.Single(plan.Problems, p => p.Severity == SriovPlanSeverity.Error).Message);
    }

    [Fact]
    public void ExternallyManagedWithEnoughVfsIsPlannedWithoutChangingTheCount()
    {
        SriovNodePlan plan = PlanTwoPort(PolicyText.Policy("p", "{pfNames: [ens1f0]}", 4, "r", extra: "  externallyManaged: true\n"), PolicyText.TwoPortNic(currentVfs: 6));

        Assert.False(plan.HasErrors, Errors(plan));
        SriovPfPlan pf = Assert.Single(plan.PhysicalFunctions);
        Assert.True(pf.ExternallyManaged);
        Assert.Equal((4, 6), (pf.NumVfs, pf.CurrentNumVfs));
    }

    [Fact]
    public void PfWithoutSriovIsAnError()
    {
        SriovNetworkNodeStateStatus status = PolicyText.TwoPortNic();
        status.Interfaces![1].TotalVfs = null;

        SriovNodePlan plan = PlanTwoPort(PolicyText.Policy("p", "{pfNames: [ens1f1]}", 4, "r"), status);

        Assert.Contains("PF ens1f1 (0000:3b:00.1) has no SR-IOV capability (no sriov_totalvfs)", Errors(plan), StringComparison.Ordinal);
    }

    /// <summary><c>name|nicSelector|numVfs|resource|priority|extra</c> → a policy document.</summary>
    private static string ToYaml(string row, string? nodeSelector = null, int _ = 0)
    {
        string[] f = row.Split('|');
        int? priority = f[4].Length == 0 ? null : int.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture);
        return nodeSelector is null
            ? PolicyText.Policy(f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3], priority, f[5])
            : PolicyText.Policy(f[0], f[1], int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3], priority, f[5], nodeSelector);
    }
}
