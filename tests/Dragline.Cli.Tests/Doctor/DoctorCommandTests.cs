using System.CommandLine;
using System.Text.Json;
using Dragline.Cli.Doctor;

namespace Dragline.Cli.Tests.Doctor;

public sealed class DoctorCommandTests
{
    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = CliCommands.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("seed-host", 0)]
    [InlineData("seed-host-12vfs", 0)]
    [InlineData("roce-host", 0)]
    [InlineData("ai-node", 0)]
    [InlineData("no-rdma-host", 1)]
    public void ExitCodeIsZeroOnlyWhenNothingFails(string scenario, int expected)
    {
        Assert.Equal(expected, Invoke("doctor", "--root", FixtureRoots.Of(scenario)).Exit);
        Assert.Equal(expected, Invoke("doctor", "--root", FixtureRoots.Of(scenario), "--json").Exit);
    }

    [Fact]
    public void JsonHasTheStableShape()
    {
        (int exit, string output, _) = Invoke("doctor", "--root", FixtureRoots.Of("seed-host"), "--json");
        Assert.Equal(0, exit);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement report = doc.RootElement;
        Assert.Equal(
            ["schemaVersion", "root", "status", "headline", "counts", "findings", "affinity"],
            report.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, report.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(FixtureRoots.Of("seed-host"), report.GetProperty("root").GetString());
        Assert.Equal("warn", report.GetProperty("status").GetString());
        Assert.Equal(["pass", "warn", "fail", "skip"], report.GetProperty("counts").EnumerateObject().Select(p => p.Name));
        JsonElement first = report.GetProperty("findings")[0];
        Assert.Equal(["id", "title", "subject", "status", "summary", "evidence", "fix"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("kernel-version", first.GetProperty("id").GetString());
        Assert.Equal("pass", first.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("subject").ValueKind);
        JsonElement evidence = first.GetProperty("evidence")[0];
        Assert.Equal("5.15.0-91-generic", evidence.GetProperty("value").GetString());
        Assert.Equal("/proc/sys/kernel/osrelease", evidence.GetProperty("source").GetString());
        Assert.Equal(
            ["pass", "skip", "warn"],
            report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("status").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.Empty(report.GetProperty("affinity").EnumerateArray());
    }

    [Fact]
    public void JsonRoundTripsThroughTheSourceGeneratedContext()
    {
        (_, string output, _) = Invoke("doctor", "--root", FixtureRoots.Of("ai-node"), "--json");
        DoctorReport report = Assert.IsType<DoctorReport>(JsonSerializer.Deserialize(output, DoctorJsonContext.Default.DoctorReport));
        Assert.Equal(DoctorStatus.Pass, report.Status);
        Assert.Equal(8, report.Affinity.Count);
        Assert.Equal("mlx5_7", report.Affinity[^1].Nics[0].RdmaDevice);
        Assert.Equal(output.TrimEnd(), JsonSerializer.Serialize(report, DoctorJsonContext.Output.DoctorReport));
        Assert.Contains("\"title\": \"Kernel 5.3+ or OFED 4.7+\"", output, StringComparison.Ordinal);
        Assert.Contains("\"title\": \"NIC–GPU affinity\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TableShowsStatusesEvidenceAndFixes()
    {
        (int exit, string output, _) = Invoke("doctor", "--root", FixtureRoots.Of("no-rdma-host"));
        Assert.Equal(1, exit);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("RDMA modules loaded", output, StringComparison.Ordinal);
        Assert.Contains("$ modprobe -a ib_core ib_uverbs rdma_ucm", output, StringComparison.Ordinal);
        Assert.Contains("(/proc/modules)", output, StringComparison.Ordinal);
        Assert.Contains("4 passed, 1 warning, 3 failed, 5 skipped", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AffinityTableIsPrintedOnAiNodes()
    {
        (_, string output, _) = Invoke("doctor", "--root", FixtureRoots.Of("ai-node"));
        Assert.Contains("NIC–GPU affinity (nearest RDMA NIC of each GPU)", output, StringComparison.Ordinal);
        Assert.Contains("│ 0000:be:00.0 │ 1    │ 0000:bf:00.0 │ ibp191s0 │ mlx5_7 │ 1        │ PIX (same-switch) │", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRootIsAnErrorNamingIt()
    {
        (int exit, string output, string error) = Invoke("doctor", "--root", "/nonexistent/dragline-doctor-root");
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("'/nonexistent/dragline-doctor-root' is not a folder", error, StringComparison.Ordinal);
    }
}
