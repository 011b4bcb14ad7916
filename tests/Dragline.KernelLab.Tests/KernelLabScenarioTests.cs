using Dragline.Lab;
using Dragline.Lab.Tests;

namespace Dragline.KernelLab.Tests;

/// <summary>
/// Each test is one scenario of tests/kernel-lab/scenarios, run in the guest booted once by
/// <see cref="KernelLabRun"/>. The scenario scripts drive Dragline's own code (the NativeAOT guest
/// program) and check what it did with the stock tools (ip, rdma, sysfs).
/// </summary>
public sealed class KernelLabScenarioTests(KernelLabRun lab) : IClassFixture<KernelLabRun>
{
    /// <summary>
    /// The kernel and QEMU are not pinned: fetch-packages.sh takes the newest 7.x kernel and the newest QEMU of their
    /// suites at run time. This test says which ran (its output, and the summary of ./test.sh kernel-lab) and fails when
    /// the harness recorded none, or something the lab cannot rely on.
    /// </summary>
    [Fact]
    public void S_RecordsTheNewest7xKernelAndQemuWithIgbThatRan()
    {
        KernelLabVersions versions = lab.Versions();
        TestContext.Current.TestOutputHelper?.WriteLine($"kernel lab ran: {versions}");
        Assert.StartsWith("7.", versions.KernelRelease, StringComparison.Ordinal);
        Assert.True(versions.QemuMajor >= 8, $"QEMU {versions.QemuVersion} is older than 8.0 (no igb)");
    }

    [Fact]
    public void S00_GuestBootsWithSoftRoceSriovAndOurProgram() => lab.Scenario("00-guest-tools").AssertPassed();

    [Fact]
    public void S01_RdmaNetlinkListsDevicesAndSwitchesToExclusive() => lab.Scenario("01-rdma-netns-mode").AssertPassed();

    [Fact]
    public void S02_ExclusiveModeMoveIsolatesTheDevice() => lab.Scenario("02-rdma-exclusive-move").AssertPassed();

    [Fact]
    public void S03_PerftestBetweenTwoPodsWithTheirOwnRxeDevices()
    {
        ScenarioResult result = lab.Scenario("03-rdma-pod-perftest");
        result.AssertPassed();
        PerftestReport latency = PerftestReport.Parse(result.ReadData("ib_read_lat.txt"));
        PerftestReport bandwidth = PerftestReport.Parse(result.ReadData("ib_write_bw.txt"));
        Assert.Equal(2, latency["#bytes"]);
        Assert.True(latency["t_typical[usec]"] > 0, "ib_read_lat reported no typical latency");
        Assert.Equal(65536, bandwidth["#bytes"]);
        Assert.True(bandwidth["BW average[MB/sec]"] > 0, "ib_write_bw reported no bandwidth");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"ib_read_lat 2 B x {latency["#iterations"]}: t_typical {latency["t_typical[usec]"]} us, t_avg {latency["t_avg[usec]"]} us; " +
            $"ib_write_bw 64 KiB x {bandwidth["#iterations"]}: average {bandwidth["BW average[MB/sec]"]} MB/s (software emulation: proves the path, not the speed)");
    }

    [Fact]
    public void S04_SharedModeBothPodsSeeAllDevices() => lab.Scenario("04-rdma-shared-mode").AssertPassed();

    [Fact]
    public void S05_IgbSriovVfsAndVfSettings() => lab.Scenario("05-sriov-igb").AssertPassed();

    [Fact]
    public void S06_DiscoveryOnLiveSysfsMapsRdmaAndVfDevices() => lab.Scenario("06-discovery-live-sysfs").AssertPassed();

    [Fact]
    public void S08_SriovPolicyApplyCreatesVfsAndSetsTheirMacs() => lab.Scenario("08-sriov-policy-apply").AssertPassed();

    [Fact]
    public void S07_ExclusiveModeLabEachPodItsOwnRxeDeviceAndReadLatency()
    {
        lab.Scenario(KernelLabRunner.ScenarioName).AssertPassed();
        // The same reader `dragline lab up --kernel` uses, on what the scenario left in the share.
        LabState state = KernelLabResults.Read(lab.ResultsDirectory, KernelLabRunner.ScenarioName, lab.ConsoleLog);
        LabExpectations.AssertSeedStep7(state);
    }
}
