using Dragline.Api.Model.Sriov;
using Dragline.Core;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.Sriov.Tests;

public sealed class SriovPlanDescriberTests
{
    [Fact]
    public void DescribesEachPfAndEachSkippedPolicy()
    {
        string yaml = PolicyText.Policy("policyibsriov", "{rootDevices: [\"0000:86:00.0\"]}", 12, "mellanoxibsriov", extra: "  isRdma: true\n")
            + PolicyText.Policy("gpu", "{vendor: \"15b3\"}", 4, "gpu", nodeSelector: "{nvidia.com/gpu.present: \"true\"}");
        SriovNetworkNodeStateStatus status = SriovNodeStatusBuilder.Build(FixtureTrees.Discover(FixtureTrees.SeedHost));

        SriovNodePlan plan = new SriovPolicyPlanner().Plan(PolicyText.Parse(yaml), SriovNodeLabels.Default("node1"), status, "node1");

        Assert.Equal(
            [
                "ibs5f0 (0000:86:00.0): 12 VFs (now 0, max 127) → spidernet.io/mellanoxibsriov VFs 0-11 (RDMA) [policyibsriov]",
                "policy gpu not used: nodeSelector does not match the node's labels: no nvidia.com/gpu.present=true",
            ],
            SriovPlanDescriber.Describe(plan));
    }

    [Fact]
    public void SaysSoWhenNothingApplies()
    {
        SriovNodePlan plan = new SriovPolicyPlanner().Plan([], SriovNodeLabels.Default("node1"), PolicyText.TwoPortNic());

        Assert.Equal(["no PF gets VFs: none of 0 policy(ies) selects a PF on this node"], SriovPlanDescriber.Describe(plan));
    }

    [Fact]
    public void NodeLabelsParseKeyValuePairsAndAllowEmptyValues()
    {
        IReadOnlyDictionary<string, string> labels = SriovNodeLabels.Parse("kubernetes.io/os=linux, node-role.kubernetes.io/worker=");

        Assert.Equal("linux", labels["kubernetes.io/os"]);
        Assert.Equal("", labels["node-role.kubernetes.io/worker"]);
        var error = Assert.Throws<DraglineException>(() => SriovNodeLabels.Parse("a=b,=c"));
        Assert.StartsWith("'=c' in the node labels is not KEY=VALUE", error.Message, StringComparison.Ordinal);
        Assert.Equal("node1", SriovNodeLabels.Default("Node1")["kubernetes.io/hostname"]);
    }
}
