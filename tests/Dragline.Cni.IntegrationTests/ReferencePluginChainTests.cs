using System.Diagnostics;
using System.Text.Json;
using Dragline.Cni.Runtime;

namespace Dragline.Cni.IntegrationTests;

/// <summary>
/// <see cref="CniConfigListExecutor"/> running a real chain: Debian's <c>macvlan</c> delegating to the published
/// <c>dragline-ipam</c>, then a recorder (a script that saves its stdin and hands it on to Debian's <c>tuning</c>, which
/// passes <c>prevResult</c> through). The recorder shows which <c>prevResult</c> each command gave the second plugin,
/// and macvlan's own CHECK shows the cached result is one a real plugin accepts.
/// </summary>
public sealed class ReferencePluginChainTests : IDisposable
{
    private const string Macvlan = "/usr/lib/cni/macvlan";
    private const string Tuning = "/usr/lib/cni/tuning";

    private readonly DirectoryInfo _bin = Directory.CreateTempSubdirectory("dragline-chain-");

    public void Dispose() => _bin.Delete(recursive: true);

    [Fact]
    public async Task Add_chains_prevResult_and_check_and_del_give_every_plugin_the_cached_result()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("needs root: creates network namespaces, a veth pair and a macvlan link");
        }

        if (!File.Exists(Macvlan) || !File.Exists(Tuning))
        {
            Assert.Skip($"{Macvlan} or {Tuning} is missing: install Debian's containernetworking-plugins (scripts/debian-packages.txt)");
        }

        string recorder = Path.Combine(_bin.FullName, "recorder");
        await File.WriteAllTextAsync(recorder, $"#!/bin/sh\ntee \"$(dirname \"$0\")/$CNI_COMMAND.json\" | exec {Tuning}\n", TestContext.Current.CancellationToken);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(recorder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        string id = Guid.NewGuid().ToString("N")[..8];
        string hostNs = $"dl-chain-h-{id}";
        string podNs = $"dl-chain-p-{id}";
        await using FakeAgent agent = FakeAgent.Start(new FakePool("v4-a", 4, 24, "10.67.0.1", ["10.67.0.10", "10.67.0.11"]));
        try
        {
            Ip("netns", "add", hostNs);
            Ip("netns", "add", podNs);
            Ip("-n", hostNs, "link", "add", "dlc0", "type", "veth", "peer", "name", "dlc1");
            Ip("-n", hostNs, "link", "set", "dlc0", "up");
            Ip("-n", hostNs, "link", "set", "dlc1", "up");

            string list = $$$"""
                {"cniVersion":"1.0.0","name":"chain-a","plugins":[
                  {"type":"macvlan","master":"dlc0","mode":"bridge","ipam":{"type":"dragline-ipam","socket":"{{{agent.SocketPath}}}","default_ipv4_ippool":["v4-a"]}},
                  {"type":"recorder"}]}
                """;
            var executor = new CniConfigListExecutor([_bin.FullName, PublishedPlugin.Directory(), "/usr/lib/cni"], new NetnsExecLauncher(hostNs));
            var invocation = new CniInvocation($"ctr-{id}", $"/var/run/netns/{podNs}", "eth0", "team-a", $"web-{id}", $"uid-{id}");

            CniResult result = executor.Add(list, invocation);

            Assert.Equal("10.67.0.10/24", Assert.Single(result.Ips!).Address);
            JsonElement addPrev = Recorded("ADD").GetProperty("prevResult");
            Assert.Equal("10.67.0.10/24", addPrev.GetProperty("ips")[0].GetProperty("address").GetString());
            Assert.Contains(addPrev.GetProperty("interfaces").EnumerateArray(), i => i.GetProperty("name").GetString() == "eth0" && i.TryGetProperty("sandbox", out _));

            executor.Check(list, invocation, result);
            Assert.Equal(result.ToJson(), CniResult.Parse(Recorded("CHECK").GetProperty("prevResult")).ToJson());

            executor.Delete(list, invocation, result);
            Assert.Equal(result.ToJson(), CniResult.Parse(Recorded("DEL").GetProperty("prevResult")).ToJson());
            Assert.Empty(agent.Allocations());
        }
        finally
        {
            Ip(ignoreFailure: true, "netns", "del", podNs);
            Ip(ignoreFailure: true, "netns", "del", hostNs);
        }
    }

    private JsonElement Recorded(string command) => JsonDocument.Parse(File.ReadAllText(Path.Combine(_bin.FullName, command + ".json"))).RootElement;

    private static void Ip(params string[] args) => Ip(false, args);

    private static void Ip(bool ignoreFailure, params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process ip = Process.Start(start)!;
        string error = ip.StandardError.ReadToEnd();
        ip.WaitForExit();
        Assert.True(ignoreFailure || ip.ExitCode == 0, $"ip {string.Join(' ', args)} failed: {error}");
    }

    /// <summary>Starts each plugin with <c>ip netns exec</c> in the test's "host" namespace, where the macvlan master is.</summary>
    private sealed class NetnsExecLauncher(string hostNamespace) : ICniPluginLauncher
    {
        public CniPluginOutcome Launch(string pluginPath, IReadOnlyDictionary<string, string> environment, string stdin, TimeSpan timeout)
        {
            var start = new ProcessStartInfo("ip")
            {
                ArgumentList = { "netns", "exec", hostNamespace, pluginPath },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach ((string key, string value) in environment)
            {
                start.Environment[key] = value;
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return new CniPluginOutcome(-1, output.Result, "timed out");
            }

            return new CniPluginOutcome(process.ExitCode, output.Result, error.Result);
        }
    }
}
