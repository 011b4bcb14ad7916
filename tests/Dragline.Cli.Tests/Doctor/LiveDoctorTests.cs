using System.IO.Compression;
using Dragline.Cli.Doctor;
using Dragline.Linux.Discovery;
using Dragline.Testing;

namespace Dragline.Cli.Tests.Doctor;

/// <summary>The doctor on the machine running the tests (read-only).</summary>
public sealed class LiveDoctorTests
{
    [Fact]
    public void ReportsNoRdmaSupportOnAHostWithoutRdma()
    {
        if (Directory.Exists("/sys/class/infiniband"))
        {
            Assert.Skip(KernelSkip.Has("RDMA (/sys/class/infiniband)", "this machine is not a host without RDMA"));
        }

        DoctorReport report = DoctorCommand.Diagnose(HostRoot.Live);
        Assert.Equal("/", report.Root);
        Assert.Equal(1, report.ExitCode);
        DoctorFinding devices = Assert.Single(report.Findings, f => f.Id == "rdma-devices");
        Assert.Equal(DoctorStatus.Fail, devices.Status);
        Assert.Equal(new DoctorEvidence("absent", "/sys/class/infiniband"), Assert.Single(devices.Evidence));
        Assert.Equal(DoctorStatus.Fail, Assert.Single(report.Findings, f => f.Id == "dev-infiniband").Status);

        // Where the kernel publishes its configuration, read it here independently of the doctor.
        if (ReadProcConfig() is { } config && config.Contains("# CONFIG_INFINIBAND is not set", StringComparison.Ordinal))
        {
            DoctorFinding kernel = Assert.Single(report.Findings, f => f.Id == "kernel-rdma");
            Assert.Equal(DoctorStatus.Fail, kernel.Status);
            Assert.Equal(new DoctorEvidence("CONFIG_INFINIBAND is not set", "/proc/config.gz"), Assert.Single(kernel.Evidence));
            Assert.StartsWith("This kernel has no RDMA support", report.Headline, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(DoctorStatus.Fail, Assert.Single(report.Findings, f => f.Id == "rdma-modules").Status);
        }
    }

    [Fact]
    public void LiveRootAsksNetlinkFirstAndFixtureRootsOnlyTheirFiles()
    {
        Assert.IsType<FirstAvailableRdmaNetnsModeSource>(DoctorCommand.DefaultNetnsModeSource(HostRoot.Live));
        Assert.IsType<SysfsRdmaNetnsModeSource>(DoctorCommand.DefaultNetnsModeSource(new HostRoot(FixtureRoots.Of("seed-host"))));
    }

    private static string? ReadProcConfig()
    {
        if (!File.Exists("/proc/config.gz"))
        {
            return null;
        }

        using var gzip = new GZipStream(File.OpenRead("/proc/config.gz"), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
