using System.Net;
using System.Text.Json;

namespace Dragline.Lab.IntegrationTests;

/// <summary>
/// <c>dragline lab up --json</c> then <c>lab down</c> with a private prefix and state directory (so a developer's lab
/// under <c>dl-</c> and <c>/run/dragline-lab</c> is untouched): every pod gets an address of the seed pool, every pair
/// pings, and down leaves nothing behind.
/// </summary>
public sealed class LabUpDownTests : IDisposable
{
    private readonly string _prefix = "dt" + Guid.NewGuid().ToString("N")[..4] + "-";
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "dragline-lab-test-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Up_AttachesEveryPodFromThePoolAndEveryPairConnects_DownLeavesNothingBehind()
    {
        string binary = LabProcess.Binary();
        HashSet<string> hostLinksBefore = HostLinks();

        LabProcess.Result up = LabProcess.Run(binary, "lab", "up", "--json", "--state-dir", _stateDir, "--prefix", _prefix);
        Assert.True(up.ExitCode == 0, $"lab up exited {up.ExitCode}:\n{up.Error}\n{up.Output}");
        JsonElement state = up.Json();
        AssertPodsAndConnectivity(state);

        string stateFile = Path.Combine(_stateDir, "lab.json");
        Assert.True(OperatingSystem.IsLinux() && File.GetUnixFileMode(stateFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{stateFile} is not mode 0600");
        LabProcess.Result status = LabProcess.Run(binary, "lab", "status", "--json", "--state-dir", _stateDir);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal(state.GetProperty("pods").GetArrayLength(), status.Json().GetProperty("pods").GetArrayLength());
        int[] agentPids = state.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("agentPid").GetInt32()).ToArray();
        Assert.All(agentPids, pid => Assert.True(File.Exists($"/proc/{pid}/cmdline"), $"agent pid {pid} is not running after up"));

        LabProcess.Result down = LabProcess.Run(binary, "lab", "down", "--json", "--state-dir", _stateDir, "--prefix", _prefix);
        Assert.True(down.ExitCode == 0, $"lab down exited {down.ExitCode}:\n{down.Error}\n{down.Output}");
        JsonElement report = down.Json();
        Assert.Equal(state.GetProperty("pods").GetArrayLength(), report.GetProperty("deleted").GetInt32());
        Assert.Equal(0, report.GetProperty("remainingAllocations").GetInt32());
        AssertNothingLeft(hostLinksBefore, agentPids);
    }

    [Fact]
    public void Down_WithoutTheStateFile_RemovesNamespacesAndAgentsByName()
    {
        string binary = LabProcess.Binary();
        HashSet<string> hostLinksBefore = HostLinks();
        LabProcess.Result up = LabProcess.Run(binary, "lab", "up", "--json", "--state-dir", _stateDir, "--prefix", _prefix);
        Assert.True(up.ExitCode == 0, $"lab up exited {up.ExitCode}:\n{up.Error}\n{up.Output}");
        int[] agentPids = up.Json().GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("agentPid").GetInt32()).ToArray();

        File.Delete(Path.Combine(_stateDir, "lab.json")); // as if lab up had crashed before writing it

        LabProcess.Result down = LabProcess.Run(binary, "lab", "down", "--json", "--state-dir", _stateDir, "--prefix", _prefix);
        Assert.True(down.ExitCode == 0, $"lab down exited {down.ExitCode}:\n{down.Error}\n{down.Output}");
        Assert.Equal(agentPids.Length, down.Json().GetProperty("agentsStopped").GetInt32());
        AssertNothingLeft(hostLinksBefore, agentPids);
    }

    [Fact]
    public void UpTwice_Converges_SecondRunRebuildsAndStillConnects()
    {
        string binary = LabProcess.Binary();
        HashSet<string> hostLinksBefore = HostLinks();
        LabProcess.Result first = LabProcess.Run(binary, "lab", "up", "--json", "--state-dir", _stateDir, "--prefix", _prefix);
        Assert.True(first.ExitCode == 0, $"first lab up exited {first.ExitCode}:\n{first.Error}");
        int[] firstPids = first.Json().GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("agentPid").GetInt32()).ToArray();

        LabProcess.Result second = LabProcess.Run(binary, "lab", "up", "--json", "--state-dir", _stateDir, "--prefix", _prefix);
        Assert.True(second.ExitCode == 0, $"second lab up exited {second.ExitCode}:\n{second.Error}");
        AssertPodsAndConnectivity(second.Json());
        Assert.All(firstPids, pid => Assert.False(IsRunning(pid), $"agent pid {pid} of the first run still runs"));

        LabProcess.Result down = LabProcess.Run(binary, "lab", "down", "--json", "--state-dir", _stateDir, "--prefix", _prefix);
        Assert.True(down.ExitCode == 0, $"lab down exited {down.ExitCode}:\n{down.Error}\n{down.Output}");
        int[] secondPids = second.Json().GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("agentPid").GetInt32()).ToArray();
        AssertNothingLeft(hostLinksBefore, secondPids);
    }

    public void Dispose()
    {
        // best effort if an assertion failed half-way: the lab's own down, then nothing else
        if (Directory.Exists(_stateDir) || Directory.EnumerateFiles("/var/run/netns").Any(f => Path.GetFileName(f).StartsWith(_prefix, StringComparison.Ordinal)))
        {
            string binary = Path.Combine(LabProcess.RepositoryRoot(), "artifacts", "bin", "dragline");
            if (File.Exists(binary))
            {
                _ = LabProcess.Run(binary, "lab", "down", "--state-dir", _stateDir, "--prefix", _prefix);
            }
        }
    }

    private static void AssertPodsAndConnectivity(JsonElement state)
    {
        JsonElement[] pods = state.GetProperty("pods").EnumerateArray().ToArray();
        Assert.Equal(2, pods.Length); // the DaemonSet: one pod per lab node
        Assert.Equal(["node1", "node2"], pods.Select(p => p.GetProperty("node").GetString()).Order(StringComparer.Ordinal));
        uint low = ToNumber(IPAddress.Parse("172.81.0.100"));
        uint high = ToNumber(IPAddress.Parse("172.81.0.120"));
        var addresses = new List<string>();
        foreach (JsonElement pod in pods)
        {
            JsonElement attachment = Assert.Single(pod.GetProperty("attachments").EnumerateArray());
            Assert.Equal("eth0", attachment.GetProperty("interfaceName").GetString());
            string address = attachment.GetProperty("address").GetString()!;
            Assert.EndsWith("/16", address, StringComparison.Ordinal);
            uint ip = ToNumber(IPAddress.Parse(address.Split('/')[0]));
            Assert.InRange(ip, low, high);
            Assert.Equal("172.81.0.1", attachment.GetProperty("gateway").GetString());
            addresses.Add(address);
        }

        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        JsonElement[] pings = state.GetProperty("connectivity").EnumerateArray().ToArray();
        Assert.Equal(pods.Length * (pods.Length - 1), pings.Length);
        Assert.All(pings, p => Assert.True(p.GetProperty("success").GetBoolean(), p.ToString()));
    }

    private void AssertNothingLeft(HashSet<string> hostLinksBefore, int[] agentPids)
    {
        Assert.DoesNotContain(Directory.EnumerateFiles("/var/run/netns").Select(Path.GetFileName), n => n!.StartsWith(_prefix, StringComparison.Ordinal));
        Assert.False(Directory.Exists(_stateDir), $"{_stateDir} (store, sockets, logs) is still there");
        Assert.All(agentPids, pid => Assert.False(IsRunning(pid), $"agent pid {pid} still runs"));
        string[] appeared = HostLinks().Except(hostLinksBefore).ToArray();
        Assert.DoesNotContain(appeared, l => l is "br0" or "node1" or "node2" || l.StartsWith("veth", StringComparison.Ordinal));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static HashSet<string> HostLinks() => Directory.EnumerateFileSystemEntries("/sys/class/net").Select(Path.GetFileName).OfType<string>().ToHashSet();

    private static uint ToNumber(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }
}
