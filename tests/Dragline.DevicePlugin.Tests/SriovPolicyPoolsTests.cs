using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.DevicePlugin.Config;
using Dragline.DevicePlugin.Pools;
using Dragline.Testing.Sysfs;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.DevicePlugin.Tests;

/// <summary>Pools generated from planned SriovNetworkNodePolicies instead of a resourceList file.</summary>
public sealed class SriovPolicyPoolsTests(SharedSeedHost seed) : IClassFixture<SharedSeedHost>
{
    private static SriovNodePlan Plan(string yaml, HostView host)
    {
        List<SriovNetworkNodePolicy> policies = [.. ManifestReader.Default.ReadString(yaml).Select(d => d.Object).OfType<SriovNetworkNodePolicy>()];
        Assert.NotEmpty(policies);
        SriovNodePlan plan = new SriovPolicyPlanner().Plan(policies, new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }, SriovNodeStatusBuilder.Build(host.Inventory), "node1");
        Assert.False(plan.HasErrors, string.Join("\n", plan.Problems));
        return plan;
    }

    private static string Policy(string name, string pfNames, string resource, int numVfs, string extra = "") =>
        $"apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodePolicy\nmetadata: {{name: {name}, namespace: kube-system}}\n"
        + $"spec:\n  nodeSelector: {{kubernetes.io/os: linux}}\n  resourceName: {resource}\n  numVfs: {numVfs}\n  nicSelector: {{pfNames: [{pfNames}]}}\n{extra}---\n";

    [Fact]
    public void TheSeedPolicyFeedsTheTwelveVfsOfIbs5f0()
    {
        string yaml = File.ReadAllText(SysfsFixtures.RepositoryFile("examples", "seed", "ib-sriov.yaml"));
        DevicePluginConfig config = SriovPolicyPools.FromPlan(Plan(yaml, seed.View));

        VfPoolDefinition pool = Assert.Single(config.VfPools);
        Assert.Equal("spidernet.io/mellanoxibsriov", pool.FullName);
        VfSelector selector = Assert.Single(pool.Selectors);
        Assert.True(selector.IsRdma);
        Assert.Equal(["infiniband"], selector.LinkTypes);
        Assert.Equal("ibs5f0#0,1,2,3,4,5,6,7,8,9,10,11", Assert.Single(selector.PfNames).ToString());
        Assert.Equal(SeedConfig.VfAddresses, Assert.Single(VfDeviceSelector.Select(seed.View, config.VfPools)).Select(d => d.Device.Address.ToString()));
    }

    [Fact]
    public void TwoPoliciesSplittingOnePfByVfRangeGiveTwoDisjointPools()
    {
        string yaml = Policy("low", "\"ibs5f0#0-3\"", "ibsmall", 12, "  isRdma: true\n")
            + Policy("high", "\"ibs5f0#4-11\"", "iblarge", 12, "  isRdma: true\n");
        DevicePluginConfig config = SriovPolicyPools.FromPlan(Plan(yaml, seed.View));

        Assert.Equal(["spidernet.io/iblarge", "spidernet.io/ibsmall"], config.VfPools.Select(p => p.FullName).Order(StringComparer.Ordinal));
        IReadOnlyList<IReadOnlyList<string>> selected = [.. VfDeviceSelector.Select(seed.View, config.VfPools).Select(p => (IReadOnlyList<string>)[.. p.Select(d => d.Device.Address.ToString())])];
        Dictionary<string, IReadOnlyList<string>> byName = config.VfPools.Zip(selected).ToDictionary(z => z.First.ResourceName, z => z.Second);
        Assert.Equal(SeedConfig.VfAddresses[..4], byName["ibsmall"]);
        Assert.Equal(SeedConfig.VfAddresses[4..], byName["iblarge"]);
    }

    [Fact]
    public void AVfioPolicySelectsByDriverAndNotByLinkType()
    {
        string yaml = Policy("dpdk", "\"ibs5f0\"", "dpdk", 12, "  deviceType: vfio-pci\n");
        VfSelector selector = Assert.Single(Assert.Single(SriovPolicyPools.FromPlan(Plan(yaml, seed.View)).VfPools).Selectors);
        Assert.Equal(["vfio-pci"], selector.Drivers);
        Assert.Empty(selector.LinkTypes);
        Assert.False(selector.IsRdma);

        // The fixture's VFs are bound to mlx5_core, so nothing is offered until apply rebinds them.
        Assert.Empty(Assert.Single(VfDeviceSelector.Select(seed.View, SriovPolicyPools.FromPlan(Plan(yaml, seed.View)).VfPools)));
    }
}
