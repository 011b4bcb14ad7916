using System.Diagnostics;

namespace Dragline.Lab.IntegrationTests;

/// <summary>
/// <c>dragline lab up -f examples/seed/ib-sriov.yaml</c> on this host (no SR-IOV, no <c>dragline-ib-sriov</c> plugin):
/// the preflight refuses before anything exists, says what is missing and what to run instead, and leaves no
/// namespace, agent or state directory behind.
/// </summary>
public sealed class LabPreflightTests : IDisposable
{
    private readonly string _prefix = "dp" + Guid.NewGuid().ToString("N")[..4] + "-";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "dragline-lab-preflight-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Up_of_the_ib_sriov_seed_fails_before_building_anything_and_names_what_is_missing()
    {
        string binary = LabProcess.Binary();
        string manifest = Path.Combine("examples", "seed", "ib-sriov.yaml");

        LabProcess.Result up = LabProcess.Run(binary, "lab", "up", "-f", manifest, "--state-dir", _stateDir, "--prefix", _prefix);

        Assert.True(up.ExitCode != 0, $"lab up of {manifest} succeeded on a host without SR-IOV:\n{up.Error}");
        Assert.Contains("nothing was created", up.Error, StringComparison.Ordinal);
        Assert.Contains("dragline-ib-sriov", up.Error, StringComparison.Ordinal);
        Assert.Contains($"dragline lab up --kernel -f {manifest}", up.Error, StringComparison.Ordinal);
        if (!HostHasSriov())
        {
            Assert.Contains("no SR-IOV", up.Error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("fabric", up.Error, StringComparison.Ordinal); // no phase after the preflight ran
        Assert.False(Directory.Exists(_stateDir), $"{_stateDir} (state file, store) was created");
        Assert.DoesNotContain(NetnsList(), n => n.StartsWith(_prefix, StringComparison.Ordinal));
        Assert.DoesNotContain(AgentCommandLines(), c => c.Contains(_stateDir, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_stateDir) || NetnsList().Any(n => n.StartsWith(_prefix, StringComparison.Ordinal)))
        {
            string binary = Path.Combine(LabProcess.RepositoryRoot(), "artifacts", "bin", "dragline");
            if (File.Exists(binary))
            {
                _ = LabProcess.Run(binary, "lab", "down", "--state-dir", _stateDir, "--prefix", _prefix);
            }
        }
    }

    /// <summary>The names <c>ip netns list</c> prints (the first word of each line).</summary>
    private static List<string> NetnsList()
    {
        var start = new ProcessStartInfo("ip") { ArgumentList = { "netns", "list" }, RedirectStandardOutput = true, UseShellExecute = false };
        using Process ip = Process.Start(start)!;
        string output = ip.StandardOutput.ReadToEnd();
        ip.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToList();
    }

    private static List<string> AgentCommandLines()
    {
        var lines = new List<string>();
        foreach (string entry in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                lines.Add(File.ReadAllText(Path.Combine(entry, "cmdline")).Replace('\0', ' '));
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return lines;
    }

    private static bool HostHasSriov() =>
        Directory.Exists("/sys/bus/pci/devices")
        && Directory.EnumerateDirectories("/sys/bus/pci/devices").Any(d => File.Exists(Path.Combine(d, "sriov_totalvfs")) && File.ReadAllText(Path.Combine(d, "sriov_totalvfs")).Trim() is not ("" or "0"));
}
