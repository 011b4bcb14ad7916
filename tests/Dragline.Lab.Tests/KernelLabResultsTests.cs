namespace Dragline.Lab.Tests;

/// <summary>
/// The reader of the lab scenario's results (what <c>dragline lab up --kernel</c> prints), on files as a guest run left
/// them; and its checks, which must catch a pod that sees another pod's RDMA device. Needs no guest.
/// </summary>
public sealed class KernelLabResultsTests : IDisposable
{
    private const string Scenario = KernelLabRunner.ScenarioName;

    private const string LabUp = """
        lab-mode rdma-netns=exclusive
        lab-node name=node1 netns=dl-node1
        lab-node name=node2 netns=dl-node2
        lab-pod pod=default/rdma-demo-node1 node=node1 netns=dl-rdma-demo-node1 interface=eth0 address=172.81.0.100/16 mac=26:e9:7e:34:61:18 gateway=172.81.0.1 pool=v4-81 network=kube-system/sriov-rdma rdma-device=rxe0 node-netdev=vf0 rdma-visible=rxe0:eth0
        lab-pod pod=default/rdma-demo-node2 node=node2 netns=dl-rdma-demo-node2 interface=eth0 address=172.81.0.101/16 mac=96:b2:2f:af:4f:4a gateway=172.81.0.1 pool=v4-81 network=kube-system/sriov-rdma rdma-device=rxe1 node-netdev=vf1 rdma-visible=rxe1:eth0
        """;

    private const string ReadLatency = """
        ---------------------------------------------------------------------------------------
                            RDMA_Read Latency Test
         Dual-port       : OFF		Device         : rxe0
        ---------------------------------------------------------------------------------------
         #bytes #iterations    t_min[usec]    t_max[usec]  t_typical[usec]    t_avg[usec]    t_stdev[usec]   99% percentile[usec]   99.9% percentile[usec] 
         2       200          53.01          28794.75      1415.95  	       3526.46     	5737.10		28426.36 		28794.75
        ---------------------------------------------------------------------------------------
        """;

    private readonly string _results = Directory.CreateTempSubdirectory("dragline-kl-results-").FullName;

    public void Dispose() => Directory.Delete(_results, recursive: true);

    [Fact]
    public void ReadsPodsDevicesPingsAndLatency()
    {
        WriteRun();
        LabState state = KernelLabResults.Read(_results, Scenario, "/tmp/console.log");

        LabExpectations.AssertSeedStep7(state);
        Assert.Equal(["v4-81"], state.Pools);
        Assert.Equal(["node1", "node2"], state.Nodes.Select(n => n.Name));
        LabPodState first = state.Pods[0];
        Assert.Equal(("default", "rdma-demo-node1", "dl-rdma-demo-node1"), (first.PodNamespace, first.Name, first.NetworkNamespace));
        Assert.Equal("rxe0 (eth0, ACTIVE)", first.RdmaDevices);
        Assert.Equal(1415.95, state.RdmaLatency!.TypicalMicroseconds);
        Assert.Equal(("rdma-demo-node1", "rxe0", "rdma-demo-node2", "rxe1"), (state.RdmaLatency.From, state.RdmaLatency.FromDevice, state.RdmaLatency.To, state.RdmaLatency.ToDevice));
        Assert.Equal("time=26.519 ms", state.Connectivity[0].Detail);
    }

    [Fact]
    public void APodThatSeesAnotherPodsDeviceIsAProblem()
    {
        WriteRun(podOneRdmaLink: "link rxe0/1 state ACTIVE physical_state LINK_UP netdev eth0\nlink rxe1/1 state ACTIVE physical_state LINK_UP netdev eth0\n");
        LabState state = KernelLabResults.Read(_results, Scenario, "/tmp/console.log");

        string problem = Assert.Single(KernelLabResults.Problems(state));
        Assert.Contains("rdma-demo-node1", problem, StringComparison.Ordinal);
        Assert.Contains("rxe1", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedModeAndAFailedPingAreProblems()
    {
        WriteRun(rdmaSystem: "netns shared copy-on-fork on\n", ping: "ping dl-rdma-demo-node1 172.81.0.101 failed\nping dl-rdma-demo-node2 172.81.0.100 ok time=2.046_ms\n");
        LabState state = KernelLabResults.Read(_results, Scenario, "/tmp/console.log");

        List<string> problems = KernelLabResults.Problems(state);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("not exclusive", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("1 of 2 pod pairs", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailedScenarioIsAnErrorWithItsLog()
    {
        WriteRun(exitCode: "1", log: "== wiring\nFAIL: rdma link in dl-rdma-demo-node1: expected 'rxe0 eth0', got ''\n");
        LabException error = Assert.Throws<LabException>(() => KernelLabResults.Read(_results, Scenario, "/tmp/console.log"));
        Assert.Contains("exit 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 'rxe0 eth0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RdmaLinkOutputParses()
    {
        List<LabRdmaLink> links = LabRdmaLink.ParseRdmaLinkOutput("link rxe0/1 state ACTIVE physical_state LINK_UP netdev eth0 \nlink mlx5_3/1 state DOWN physical_state DISABLED\ngarbage\n");
        Assert.Equal([new LabRdmaLink("rxe0", 1, "ACTIVE", "eth0"), new LabRdmaLink("mlx5_3", 1, "DOWN", null)], links);
    }

    private void WriteRun(string exitCode = "0", string log = "ok\n", string? podOneRdmaLink = null, string rdmaSystem = "netns exclusive copy-on-fork on\n", string? ping = null)
    {
        File.WriteAllText(Path.Combine(_results, Scenario + ".rc"), exitCode + "\n");
        File.WriteAllText(Path.Combine(_results, Scenario + ".log"), log);
        string data = Directory.CreateDirectory(Path.Combine(_results, Scenario + ".d")).FullName;
        File.WriteAllText(Path.Combine(data, "lab-up.txt"), LabUp + "\n");
        File.WriteAllText(Path.Combine(data, "rdma-system.txt"), rdmaSystem);
        File.WriteAllText(Path.Combine(data, "rdma-link-dl-rdma-demo-node1.txt"), podOneRdmaLink ?? "link rxe0/1 state ACTIVE physical_state LINK_UP netdev eth0 \n");
        File.WriteAllText(Path.Combine(data, "rdma-link-dl-rdma-demo-node2.txt"), "link rxe1/1 state ACTIVE physical_state LINK_UP netdev eth0 \n");
        File.WriteAllText(Path.Combine(data, "ping.txt"), ping ?? "ping dl-rdma-demo-node1 172.81.0.101 ok time=26.519_ms\nping dl-rdma-demo-node2 172.81.0.100 ok time=2.046_ms\n");
        File.WriteAllText(Path.Combine(data, "ib_read_lat.pair"), "dl-rdma-demo-node1 rxe0 dl-rdma-demo-node2 rxe1 172.81.0.101\n");
        File.WriteAllText(Path.Combine(data, "ib_read_lat.txt"), ReadLatency);
    }
}
