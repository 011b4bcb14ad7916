using System.Diagnostics;
using System.Text;
using Dragline.DevicePlugin.V1Beta1;
using Dragline.Testing.Sysfs;

namespace Dragline.DevicePlugin.IntegrationTests;

/// <summary><c>dragline agent --device-plugin-config</c> as its own process, against <see cref="TestKubelet"/>.</summary>
public sealed class AgentCommandTests
{
    private const string Seed =
        """{"resourceList":[{"resourceName":"mellanoxibsriov","selectors":{"vendors":["15b3"],"devices":["1018"],"pfNames":["ibs5f0"],"isRdma":true}}]}""";

    [Fact]
    public async Task TheAgentServesTheDevicePluginsNextToItsSocketAndRemovesThemOnSigterm()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed, startHost: false);
        string work = Path.GetDirectoryName(s.KubeletDirectory)!;
        using Process agent = Start(s, work, s.ConfigPath, out StringBuilder log);
        try
        {
            await TestKubelet.WaitUntilAsync(() => s.Kubelet.Registrations.Count > 0 || agent.HasExited, "the agent's registration");
            Assert.False(agent.HasExited, Text(log));
            Assert.Equal("spidernet.io/mellanoxibsriov", Assert.Single(s.Kubelet.Registrations).ResourceName);
            ListAndWatchResponse list = await s.Kubelet.WaitForListAsync("spidernet.io/mellanoxibsriov", l => l.Devices.Count == 12, "12 devices");
            Assert.All(list.Devices, d => Assert.Equal("Healthy", d.Health));
            Assert.True(File.Exists(Path.Combine(work, "agent.sock")));

            await Kill(agent, "-TERM");
            await agent.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.Equal(0, agent.ExitCode);
            Assert.Equal(["kubelet.sock"], Directory.GetFiles(s.KubeletDirectory).Select(Path.GetFileName));
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill();
            }
        }
    }

    [Fact]
    public async Task WithTheSeedsPolicyTheAgentServesTheVfsThePolicyPlansForIbs5f0()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed, startHost: false);
        string work = Path.GetDirectoryName(s.KubeletDirectory)!;
        string policies = SysfsFixtures.RepositoryFile("examples", "seed", "ib-sriov.yaml");
        using Process agent = Start(s, work, ["--sriov-policies", policies], out StringBuilder log);
        try
        {
            await TestKubelet.WaitUntilAsync(() => s.Kubelet.Registrations.Count > 0 || agent.HasExited, "the agent's registration");
            Assert.False(agent.HasExited, Text(log));
            Assert.Equal("spidernet.io/mellanoxibsriov", Assert.Single(s.Kubelet.Registrations).ResourceName);
            ListAndWatchResponse list = await s.Kubelet.WaitForListAsync("spidernet.io/mellanoxibsriov", l => l.Devices.Count == 12, "12 devices");
            Assert.All(list.Devices, d => Assert.Equal("Healthy", d.Health));
        }
        finally
        {
            if (!agent.HasExited)
            {
                agent.Kill();
            }
        }
    }

    [Fact]
    public async Task ABrokenPolicyFileStopsTheAgentWithTheReason()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed, startHost: false);
        string work = Path.GetDirectoryName(s.KubeletDirectory)!;
        string policies = Path.Combine(work, "policies.yaml");
        await File.WriteAllTextAsync(policies, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", TestContext.Current.CancellationToken);
        using Process agent = Start(s, work, ["--sriov-policies", policies], out StringBuilder log);
        await agent.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        Assert.Equal(1, agent.ExitCode);
        Assert.Contains("has no SriovNetworkNodePolicy", Text(log), StringComparison.Ordinal);
        Assert.Empty(s.Kubelet.Registrations);
    }

    [Fact]
    public async Task TheAgentExitsOneWithTheReasonWhenSharedPoolsMeetExclusiveMode()
    {
        await using PluginScenario s = await PluginScenario.StartAsync(SysfsFixtures.SeedHost12Vfs, Seed, startHost: false);
        string work = Path.GetDirectoryName(s.KubeletDirectory)!;
        s.WriteConfig("""{"configList":[{"resourceName":"hca","rdmaHcaMax":5,"selectors":{"vendors":["15b3"]}}]}""");
        using Process agent = Start(s, work, s.ConfigPath, out StringBuilder log);
        await agent.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        Assert.Equal(1, agent.ExitCode);
        Assert.Contains("device plugins not started", Text(log), StringComparison.Ordinal);
        Assert.Contains("rdma system set netns shared", Text(log), StringComparison.Ordinal);
    }

    private static Process Start(PluginScenario s, string work, string config, out StringBuilder log) =>
        Start(s, work, ["--device-plugin-config", config], out log);

    private static Process Start(PluginScenario s, string work, string[] pluginArgs, out StringBuilder log)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "dragline.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])[
            "exec", cli, "agent", "--node", "n1", "--store", "sqlite:" + Path.Combine(work, "ipam.db"), "--socket", Path.Combine(work, "agent.sock"),
            .. pluginArgs, "--kubelet-dir", s.KubeletDirectory, "--sysfs-root", s.Root.Path])
        {
            start.ArgumentList.Add(arg);
        }

        var output = new StringBuilder();
        log = output;
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static async Task Kill(Process process, string signal)
    {
        var kill = new ProcessStartInfo("/bin/kill") { UseShellExecute = false };
        kill.ArgumentList.Add(signal);
        kill.ArgumentList.Add(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using Process k = Process.Start(kill)!;
        await k.WaitForExitAsync(TestContext.Current.CancellationToken);
    }
}
