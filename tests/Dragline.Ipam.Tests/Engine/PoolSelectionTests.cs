using Dragline.Api.Model;
using Dragline.Core;
using static Dragline.Ipam.Tests.Engine.EngineHarness;

namespace Dragline.Ipam.Tests.Engine;

public sealed class PoolSelectionTests
{
    private static EngineHarness FivePools() => new EngineHarness()
        .With(Pool("pod-multi", "10.1.0.0/24", ["10.1.0.1-10.1.0.9"]))
        .With(Pool("pod-single", "10.2.0.0/24", ["10.2.0.1-10.2.0.9"]))
        .With(Pool("ns-default", "10.3.0.0/24", ["10.3.0.1-10.3.0.9"]))
        .With(Pool("net-default", "10.4.0.0/24", ["10.4.0.1-10.4.0.9"]))
        .With(Pool("cluster-default", "10.5.0.0/24", ["10.5.0.1-10.5.0.9"], configure: s => s.Default = true));

    private static async Task<string> PoolOfAsync(EngineHarness h, AllocationRequest request) =>
        (await h.Engine.AllocateAsync(request)).Addresses.Single(a => a.Nic == request.IfName).Pool;

    [Fact]
    public async Task Order_PodIPPools_Then_PodIPPool_Then_Namespace_Then_Network_Then_ClusterDefault()
    {
        EngineHarness h = FivePools();
        h.Objects.AddNamespace(new NamespaceMetadata("ns1", new Dictionary<string, string>(), new Dictionary<string, string> { [IpamAnnotations.NamespaceDefaultIPv4Pool] = """["ns-default"]""" }));
        h.Objects.AddPod(new PodMetadata("ns1", "both", "uid-both", new Dictionary<string, string>(), new Dictionary<string, string>
        {
            [IpamAnnotations.IPPools] = """[{"interface":"eth0","ipv4":["pod-multi"]}]""",
            [IpamAnnotations.IPPool] = """{"ipv4":["pod-single"]}""",
        }));
        h.Objects.AddPod(new PodMetadata("ns1", "single", "uid-single", new Dictionary<string, string>(), new Dictionary<string, string> { [IpamAnnotations.IPPool] = """{"ipv4":["pod-single"]}""" }));

        Assert.Equal("pod-multi", await PoolOfAsync(h, Add("both", ns: "ns1", v4: ["net-default"])));
        Assert.Equal("pod-single", await PoolOfAsync(h, Add("single", ns: "ns1", v4: ["net-default"])));
        Assert.Equal("ns-default", await PoolOfAsync(h, Add("plain", ns: "ns1", v4: ["net-default"])));
        Assert.Equal("net-default", await PoolOfAsync(h, Add("plain2", ns: "ns2", v4: ["net-default"])));
        Assert.Equal("cluster-default", await PoolOfAsync(h, Add("bare", ns: "ns2")));
    }

    [Fact]
    public async Task NoRuleAndNoClusterDefault_SaysSo()
    {
        var h = new EngineHarness().With(Pool("p", "10.0.0.0/24", ["10.0.0.1"]));
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("a")));
        Assert.Equal("no IPPool available, no pool selection rules of any type are specified", error.Message);
    }

    [Fact]
    public async Task MultiNicAnnotation_AllocatesEveryNicOnTheFirstAdd_AndLaterAddsReturnThem()
    {
        var h = new EngineHarness()
            .With(Pool("a", "10.1.0.0/24", ["10.1.0.1-10.1.0.9"]))
            .With(Pool("b", "10.2.0.0/24", ["10.2.0.1-10.2.0.9"]))
            .WithPod("m", new Dictionary<string, string> { [IpamAnnotations.IPPools] = """[{"interface":"eth0","ipv4":["a"]},{"interface":"net1","ipv4":["b"],"cleangateway":true}]""" });

        AllocationResult first = await h.Engine.AllocateAsync(Add("m", nic: "eth0"));
        Assert.Equal(["eth0 10.1.0.1/24 a", "net1 10.2.0.1/24 b"], first.Addresses.Select(a => $"{a.Nic} {a.Address} {a.Pool}"));

        AllocationResult second = await h.Engine.AllocateAsync(Add("m", nic: "net1"));
        Assert.Equal(first.Addresses, second.Addresses);
        Assert.Single(await h.RecordsAsync("b"));
    }

    [Fact]
    public async Task MultiNicAnnotation_WithoutNames_IsPositional_Eth0ThenNet1()
    {
        var h = new EngineHarness()
            .With(Pool("a", "10.1.0.0/24", ["10.1.0.1-10.1.0.9"]))
            .With(Pool("b", "10.2.0.0/24", ["10.2.0.1-10.2.0.9"]))
            .WithPod("m", new Dictionary<string, string> { [IpamAnnotations.IPPools] = """[{"ipv4":["a"]},{"ipv4":["b"]}]""" });

        AllocationResult result = await h.Engine.AllocateAsync(Add("m"));

        Assert.Equal(["eth0 a", "net1 b"], result.Addresses.Select(a => $"{a.Nic} {a.Pool}"));
    }

    [Theory]
    [InlineData("""[{"interface":"eth0","ipv4":["a"]},{"ipv4":["b"]}]""", "NIC should be either all specified or all unspecified")]
    [InlineData("""[{"interface":"eth0","ipv4":["a"]},{"interface":"eth0","ipv4":["b"]}]""", "duplicate interface eth0")]
    [InlineData("""[{"interface":"net1","ipv4":["a"]}]""", "interface eth0 must be specified")]
    [InlineData("""[]""", "non-empty JSON array")]
    [InlineData("""{"ipv4":["a"]}""", "non-empty JSON array")]
    [InlineData("""not json""", "it is not JSON")]
    public async Task BadMultiNicAnnotation_IsRejectedWithTheReason(string value, string reason)
    {
        var h = new EngineHarness().With(Pool("a", "10.1.0.0/24", ["10.1.0.1"])).WithPod("m", new Dictionary<string, string> { [IpamAnnotations.IPPools] = value });
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("m")));
        Assert.Equal(DraglineErrorReason.InvalidValue, error.Reason);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(IpamAnnotations.IPPools, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wildcards_ExpandAgainstPoolsOfTheFamily_InNameOrder()
    {
        var h = new EngineHarness()
            .With(Pool("rail-b", "10.2.0.0/24", ["10.2.0.1"]))
            .With(Pool("rail-a", "10.1.0.0/24", ["10.1.0.1"]))
            .With(Pool("rail-v6", "fd00::/64", ["fd00::1"]))
            .With(Pool("other", "10.3.0.0/24", ["10.3.0.1"]));

        Assert.Equal("rail-a", await PoolOfAsync(h, Add("p1", v4: ["rail-*"])));
        Assert.Equal("rail-b", await PoolOfAsync(h, Add("p2", v4: ["rail-?"])));
        DraglineException none = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("p3", v4: ["rail-[ab]"])));
        Assert.Equal(DraglineErrorReason.Exhausted, none.Reason);
    }

    [Fact]
    public async Task DuplicatePoolName_IsRejected()
    {
        var h = new EngineHarness().With(Pool("a", "10.1.0.0/24", ["10.1.0.1"]));
        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("p", v4: ["a", "a"])));
        Assert.Equal("duplicate IPPool a specified for NIC eth0", error.Message);
    }

    [Fact]
    public async Task Filters_AggregateEveryReasonInSpiderpoolsWords()
    {
        var h = new EngineHarness()
            .With(Pool("off", "10.1.0.0/24", ["10.1.0.1"], configure: s => s.Disable = true))
            .With(Pool("v6", "fd00::/64", ["fd00::1"]))
            .With(Pool("other-node", "10.3.0.0/24", ["10.3.0.1"], configure: s => s.NodeName = ["node9"]))
            .With(Pool("node-label", "10.4.0.0/24", ["10.4.0.1"], configure: s => s.NodeAffinity = new LabelSelector { MatchLabels = new() { ["rack"] = "r1" } }))
            .With(Pool("other-ns", "10.5.0.0/24", ["10.5.0.1"], configure: s => s.NamespaceName = ["prod"]))
            .With(Pool("ns-label", "10.6.0.0/24", ["10.6.0.1"], configure: s => s.NamespaceAffinity = new LabelSelector { MatchLabels = new() { ["team"] = "x" } }))
            .With(Pool("pod-label", "10.7.0.0/24", ["10.7.0.1"], configure: s => s.PodAffinity = new LabelSelector { MatchLabels = new() { ["app"] = "db" } }))
            .With(Pool("multus", "10.8.0.0/24", ["10.8.0.1"], configure: s => s.MultusName = ["kube-system/rdma"]));
        var terminating = Pool("going", "10.9.0.0/24", ["10.9.0.1"]);
        terminating.Metadata.DeletionTimestamp = "2026-11-29T00:00:00Z";
        h.With(terminating);
        h.Objects.AddNode(new NodeMetadata("node1", new Dictionary<string, string> { ["rack"] = "r2" }));

        DraglineException error = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(
            Add("p", v4: ["off", "v6", "other-node", "node-label", "other-ns", "ns-label", "pod-label", "multus", "going", "missing"])));

        Assert.Equal(DraglineErrorReason.NotFound, error.Reason);
        Assert.Equal(
            "no IPPool available, all IPv4 IPPools [off v6 other-node node-label other-ns ns-label pod-label multus going missing] of eth0 filtered out: " +
            "disabled IPPool off; " +
            "expect an IPv4 IPPool, but the version of the IPPool v6 is IPv6; " +
            "unmatched Node name of IPPool other-node; " +
            "unmatched Node affinity of IPPool node-label; " +
            "unmatched Namespace name of IPPool other-ns; " +
            "unmatched Namespace affinity of IPPool ns-label; " +
            "unmatched Pod affinity of IPPool pod-label; " +
            "cluster-network multus isn't set: IPPool multus has spec.multusName [kube-system/rdma], but the Pod names no v1.multus-cni.io/default-network and the agent has no cluster network; " +
            "terminating IPPool going; " +
            "IPPool missing not found",
            error.Message);
    }

    [Fact]
    public async Task Filters_LetMatchingPoolsThrough()
    {
        var h = new EngineHarness(options: new IpamEngineOptions { ClusterNetwork = "kube-system/rdma" })
            .With(Pool("node-label", "10.4.0.0/24", ["10.4.0.1"], configure: s => s.NodeAffinity = new LabelSelector { MatchLabels = new() { ["rack"] = "r1" } }))
            .With(Pool("ns-label", "10.6.0.0/24", ["10.6.0.1"], configure: s => s.NamespaceAffinity = new LabelSelector { MatchLabels = new() { ["team"] = "x" } }))
            .With(Pool("pod-label", "10.7.0.0/24", ["10.7.0.1"], configure: s => s.PodAffinity = new LabelSelector { MatchLabels = new() { ["app"] = "db" } }))
            .With(Pool("multus", "10.8.0.0/24", ["10.8.0.1"], configure: s => s.MultusName = ["rdma"]))
            .With(Pool("net1-multus", "10.9.0.0/24", ["10.9.0.1"], configure: s => s.MultusName = ["default/sriov"]))
            .WithPod("p", labels: new() { ["app"] = "db" }, annotations: new() { [IpamAnnotations.MultusNetworks] = "default/sriov@net1" });
        h.Objects.AddNode(new NodeMetadata("node1", new Dictionary<string, string> { ["rack"] = "r1" }));
        h.Objects.AddNamespace(new NamespaceMetadata("default", new Dictionary<string, string> { ["team"] = "x" }, new Dictionary<string, string>()));

        foreach (string pool in new[] { "node-label", "ns-label", "pod-label", "multus" })
        {
            await h.Engine.AllocateAsync(Add("p", nic: "eth0", container: "c-" + pool, v4: [pool]) with { PodUid = "uid-" + pool });
        }

        AllocationResult net1 = await h.Engine.AllocateAsync(Add("p", nic: "net1", v4: ["net1-multus"]));
        Assert.Equal("net1-multus", net1.Addresses.Single(a => a.Nic == "net1").Pool);
        DraglineException wrong = await Assert.ThrowsAsync<DraglineException>(async () => await h.Engine.AllocateAsync(Add("p", nic: "net2", v4: ["net1-multus"])));
        Assert.Contains("no Multus network of the Pod is attached as interface net2", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sort_MoreSpecificAffinityFirst_UsersOrderAmongEquals()
    {
        var h = new EngineHarness()
            .With(Pool("plain-1", "10.1.0.0/24", ["10.1.0.1-10.1.0.9"]))
            .With(Pool("plain-2", "10.2.0.0/24", ["10.2.0.1-10.2.0.9"]))
            .With(Pool("ns", "10.3.0.0/24", ["10.3.0.1-10.3.0.9"], configure: s => s.NamespaceName = ["default"]))
            .With(Pool("node", "10.4.0.0/24", ["10.4.0.1-10.4.0.9"], configure: s => s.NodeName = ["node1"]));

        Assert.Equal("node", await PoolOfAsync(h, Add("a", v4: ["plain-2", "plain-1", "ns", "node"])));
        Assert.Equal("plain-2", await PoolOfAsync(h, Add("b", v4: ["plain-2", "plain-1"])));
        Assert.Equal("plain-1", await PoolOfAsync(h, Add("c", v4: ["plain-1", "plain-2"])));
    }

    [Fact]
    public async Task Routes_FromPoolAndAnnotation_AndCleanGateway()
    {
        var h = new EngineHarness()
            .With(Pool("a", "10.1.0.0/24", ["10.1.0.10"], gateway: "10.1.0.1"))
            .With(Pool("b", "10.2.0.0/24", ["10.2.0.10"], gateway: "10.2.0.1", configure: s => s.Routes = [new Route { Dst = "10.20.0.0/16", Gw = "10.2.0.1" }]))
            .WithPod("m", new Dictionary<string, string>
            {
                [IpamAnnotations.IPPools] = """[{"interface":"eth0","ipv4":["a"]},{"interface":"net1","ipv4":["b"],"cleangateway":true}]""",
                [IpamAnnotations.Routes] = """[{"dst":"192.168.0.0/16","gw":"10.2.0.254"},{"dst":"172.16.0.0/12","gw":"10.99.0.1"}]""",
            });

        AllocationResult result = await h.Engine.AllocateAsync(Add("m"));

        Assert.Equal(
            [new IpamRoute("eth0", "0.0.0.0/0", "10.1.0.1"), new IpamRoute("net1", "10.20.0.0/16", "10.2.0.1"), new IpamRoute("net1", "192.168.0.0/16", "10.2.0.254")],
            result.Routes);
        Assert.Null(result.Addresses.Single(a => a.Nic == "net1").Gateway);
        Assert.Equal("route 172.16.0.0/12 via 10.99.0.1 from ipam.spidernet.io/routes matches no allocated interface's subnet; dropped", Assert.Single(result.Warnings));
    }

    [Fact]
    public async Task NetworkCleanGateway_DropsTheDefaultRoute()
    {
        var h = new EngineHarness().With(Pool("a", "10.1.0.0/24", ["10.1.0.10"], gateway: "10.1.0.1"));
        AllocationResult result = await h.Engine.AllocateAsync(Add("p", v4: ["a"], cleanGateway: true));
        Assert.Empty(result.Routes);
    }

    [Fact]
    public async Task DisabledFamily_IsNotAllocated()
    {
        var h = new EngineHarness(options: new IpamEngineOptions { EnableIPv6 = false })
            .With(Pool("v4", "10.0.0.0/24", ["10.0.0.1"]))
            .With(Pool("v6", "fd00::/64", ["fd00::1"]));
        AllocationResult result = await h.Engine.AllocateAsync(Add("a", v4: ["v4"], v6: ["v6"]));
        Assert.Equal(["10.0.0.1/24"], result.Addresses.Select(a => a.Address.ToString()));
    }
}
