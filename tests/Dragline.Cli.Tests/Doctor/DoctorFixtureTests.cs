using Dragline.Cli.Doctor;
using Dragline.Linux;
using Dragline.Linux.Discovery;

namespace Dragline.Cli.Tests.Doctor;

public sealed class DoctorFixtureTests
{
    private static DoctorReport Diagnose(string scenario, IRdmaNetnsModeSource? netns = null) =>
        DoctorCommand.Diagnose(new HostRoot(FixtureRoots.Of(scenario)), netns is null ? null : _ => netns);

    private static DoctorFinding Single(DoctorReport report, string id) => Assert.Single(report.Findings, f => f.Id == id);

    [Fact]
    public void FindingsComeInTheOrderAPersonFixesThem()
    {
        DoctorReport report = Diagnose("seed-host");
        Assert.Equal(
            [
                "kernel-version", "kernel-rdma", "rdma-modules", "rdma-devices", "rdma-ports", "netns-mode", "netns-mode-persisted",
                "sriov", "sriov", "dev-infiniband", "memlock", "gpudirect", "gpu-nic-affinity",
            ],
            report.Findings.Select(f => f.Id));
    }

    [Fact]
    public void SeedHostIsReadyWithWarnings()
    {
        DoctorReport report = Diagnose("seed-host");
        Assert.Equal(DoctorStatus.Warn, report.Status);
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(new DoctorCounts(8, 3, 0, 2), report.Counts);

        DoctorFinding kernel = Single(report, "kernel-version");
        Assert.Equal(DoctorStatus.Pass, kernel.Status);
        Assert.Equal(new DoctorEvidence("5.15.0-91-generic", "/proc/sys/kernel/osrelease"), Assert.Single(kernel.Evidence));

        DoctorFinding ports = Single(report, "rdma-ports");
        Assert.Equal(DoctorStatus.Warn, ports.Status);
        Assert.Contains("mlx5_1/1 is DOWN (Polling)", ports.Summary, StringComparison.Ordinal);
        Assert.Contains(ports.Fix, f => f.Contains("ip link set ibs5f1 up", StringComparison.Ordinal));

        DoctorFinding netns = Single(report, "netns-mode");
        Assert.Equal(DoctorStatus.Pass, netns.Status);
        Assert.Equal(new DoctorEvidence("N (exclusive)", "/sys/module/ib_core/parameters/netns_mode"), Assert.Single(netns.Evidence));
        Assert.Empty(netns.Fix);

        DoctorFinding persisted = Single(report, "netns-mode-persisted");
        Assert.Equal(DoctorStatus.Pass, persisted.Status);
        Assert.Equal(new DoctorEvidence("netns_mode=0", "/etc/modprobe.d/ib_core.conf:1"), Assert.Single(persisted.Evidence));
    }

    [Fact]
    public void SeedHostWithoutVfsInExclusiveModeAsksForVfs()
    {
        DoctorFinding pf0 = Assert.Single(Diagnose("seed-host").Findings, f => f.Id == "sriov" && f.Subject!.StartsWith("0000:86:00.0", StringComparison.Ordinal));
        Assert.Equal("0000:86:00.0 ibs5f0 (15b3:1017 ConnectX-5)", pf0.Subject);
        Assert.Equal(DoctorStatus.Warn, pf0.Status);
        Assert.Contains(new DoctorEvidence("sriov_totalvfs 127", "/sys/bus/pci/devices/0000:86:00.0/sriov_totalvfs"), pf0.Evidence);
        Assert.StartsWith("echo <count> > /sys/bus/pci/devices/0000:86:00.0/sriov_numvfs", pf0.Fix[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TwelveVfsEachWithAnRdmaDevicePass()
    {
        DoctorReport report = Diagnose("seed-host-12vfs");
        DoctorFinding pf0 = Assert.Single(report.Findings, f => f.Id == "sriov" && f.Subject!.StartsWith("0000:86:00.0", StringComparison.Ordinal));
        Assert.Equal(DoctorStatus.Pass, pf0.Status);
        Assert.Equal("12 of 127 VFs, each with an RDMA device: mlx5_2, mlx5_3 … mlx5_13 (12).", pf0.Summary);
        Assert.Equal(12, pf0.Evidence.Count(e => e.Value.StartsWith("VF ", StringComparison.Ordinal)));
        Assert.Contains(new DoctorEvidence("VF 11 0000:86:01.5 mlx5_core ibs5f0v11 mlx5_13", "/sys/bus/pci/devices/0000:86:00.0/virtfn11"), pf0.Evidence);
        Assert.Contains("(2 on physical functions, 12 on VFs)", Single(report, "rdma-devices").Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedModeWithRdmaVfsWarnsAndGivesTheSeedCommands()
    {
        DoctorReport report = Diagnose("seed-host-12vfs", new FixedNetnsModeSource(RdmaNetnsMode.Shared));
        DoctorFinding netns = Single(report, "netns-mode");
        Assert.Equal(DoctorStatus.Warn, netns.Status);
        Assert.Equal(new DoctorEvidence("shared (shared)", "RDMA netlink (test)"), Assert.Single(netns.Evidence));
        Assert.StartsWith("rdma system set netns exclusive", netns.Fix[0], StringComparison.Ordinal);
        Assert.Equal("echo \"options ib_core netns_mode=0\" >> /etc/modprobe.d/ib_core.conf", netns.Fix[1]);

        DoctorFinding persisted = Single(report, "netns-mode-persisted");
        Assert.Equal(DoctorStatus.Warn, persisted.Status);
        Assert.Contains("live mode is shared but /etc/modprobe.d/ib_core.conf:1 sets exclusive", persisted.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ExclusiveButNotPersistedWarnsWithTheModprobeLine()
    {
        DoctorFinding persisted = Single(Diagnose("roce-host", new FixedNetnsModeSource(RdmaNetnsMode.Exclusive)), "netns-mode-persisted");
        Assert.Equal(DoctorStatus.Warn, persisted.Status);
        Assert.Equal("echo \"options ib_core netns_mode=0\" >> /etc/modprobe.d/ib_core.conf", persisted.Fix[0]);
    }

    [Fact]
    public void RoceHostWarnsOnlyAboutMemlock()
    {
        DoctorReport report = Diagnose("roce-host");
        DoctorFinding warning = Assert.Single(report.Findings, f => f.Status != DoctorStatus.Pass && f.Status != DoctorStatus.Skip);
        Assert.Equal("memlock", warning.Id);
        Assert.Equal(new DoctorEvidence("soft 8 MiB, hard 8 MiB", "/proc/self/limits"), Assert.Single(warning.Evidence));
        Assert.Contains(warning.Fix, f => f.Contains("LimitMEMLOCK=infinity", StringComparison.Ordinal));
        Assert.Equal(DoctorStatus.Pass, Single(report, "netns-mode").Status);
        Assert.Equal(new DoctorEvidence("CONFIG_INFINIBAND=m", "/boot/config-6.1.0-28-amd64"), Assert.Single(Single(report, "kernel-rdma").Evidence));
    }

    [Fact]
    public void AiNodePassesWithAnAffinityRowPerGpu()
    {
        DoctorReport report = Diagnose("ai-node");
        Assert.Equal(DoctorStatus.Pass, report.Status);
        Assert.Equal("Ready for RDMA pods.", report.Headline);
        Assert.Equal(DoctorStatus.Pass, Single(report, "gpudirect").Status);
        Assert.Equal(DoctorStatus.Pass, Single(report, "gpu-nic-affinity").Status);
        Assert.Equal(8, report.Affinity.Count);
        Assert.All(report.Affinity, r => Assert.Equal(("same-switch", "PIX"), (r.Relation, r.Topology)));
        DoctorAffinityRow first = report.Affinity[0];
        Assert.Equal("0000:18:00.0", first.Gpu);
        Assert.Equal(new DoctorAffinityNic("0000:19:00.0", "ibp25s0", "mlx5_0", 0), Assert.Single(first.Nics));
    }

    [Fact]
    public void NoRdmaHostFailsOnModulesDevicesAndDeviceNodes()
    {
        DoctorReport report = Diagnose("no-rdma-host");
        Assert.Equal(DoctorStatus.Fail, report.Status);
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(["rdma-modules", "rdma-devices", "dev-infiniband"], report.Findings.Where(f => f.Status == DoctorStatus.Fail).Select(f => f.Id));
        DoctorFinding modules = Single(report, "rdma-modules");
        Assert.Equal("modprobe -a ib_core ib_uverbs rdma_ucm", modules.Fix[0]);
        Assert.Equal(DoctorStatus.Pass, Single(report, "kernel-rdma").Status);
        Assert.Equal(DoctorStatus.Skip, Single(report, "netns-mode").Status);
        Assert.StartsWith("Not ready for RDMA pods: 3 checks failed", report.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void PassingFindingsCarryNoFix()
    {
        foreach (string scenario in (string[])["seed-host", "seed-host-12vfs", "roce-host", "ai-node", "no-rdma-host"])
        {
            DoctorReport report = Diagnose(scenario);
            Assert.All(report.Findings.Where(f => f.Status is DoctorStatus.Pass or DoctorStatus.Skip), f => Assert.Empty(f.Fix));
            Assert.All(report.Findings.Where(f => f.Status is DoctorStatus.Warn or DoctorStatus.Fail), f => Assert.NotEmpty(f.Fix));
        }
    }
}
