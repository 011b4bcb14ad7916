using System.Diagnostics;
using System.Text.Json;

namespace Dragline.Cni.IntegrationTests;

/// <summary>
/// The reference <c>macvlan</c> plugin (Debian's containernetworking-plugins) delegating to the
/// published <c>dragline-ipam</c> through <c>CNI_PATH</c>, in two network namespaces this test makes
/// (a "host" with a veth pair as the macvlan master, and a "pod"), against <see cref="FakeAgent"/>.
/// Shows that a real CNI consumer parses our IPAM result in each version and configures it.
/// </summary>
public sealed class ReferenceMacvlanTests
{
    private const string Macvlan = "/usr/lib/cni/macvlan";

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    // Not 1.1.0: Debian 12's macvlan (plugins 1.1.1) supports up to 1.0.0; the process tests cover our 1.1.0 output.
    public async Task Macvlan_configures_the_address_from_dragline_ipam_and_del_releases_it(string version)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("needs root: creates network namespaces, a veth pair and a macvlan link");
        }

        if (!File.Exists(Macvlan))
        {
            Assert.Skip($"{Macvlan} is missing: install Debian's containernetworking-plugins (scripts/debian-packages.txt)");
        }

        string cniDir = Path.GetDirectoryName(PublishedPlugin.PathOf())!;
        string id = Guid.NewGuid().ToString("N")[..8];
        string hostNs = $"dl-cni-h-{id}";
        string podNs = $"dl-cni-p-{id}";
        await using FakeAgent agent = FakeAgent.Start(new FakePool("v4-a", 4, 24, "10.66.0.1", ["10.66.0.10", "10.66.0.11"]));
        try
        {
            await Ip("netns", "add", hostNs);
            await Ip("netns", "add", podNs);
            await Ip("-n", hostNs, "link", "add", "dlm0", "type", "veth", "peer", "name", "dlm1");
            await Ip("-n", hostNs, "link", "set", "dlm0", "up");
            await Ip("-n", hostNs, "link", "set", "dlm1", "up");

            string config = $$$"""
                {"cniVersion":"{{{version}}}","name":"macvlan-a","type":"macvlan","master":"dlm0","mode":"bridge",
                 "ipam":{"type":"dragline-ipam","socket":"{{{agent.SocketPath}}}","default_ipv4_ippool":["v4-a"]}}
                """;
            var env = new Dictionary<string, string>
            {
                ["CNI_CONTAINERID"] = $"ctr-{id}",
                ["CNI_NETNS"] = $"/var/run/netns/{podNs}",
                ["CNI_IFNAME"] = "eth0",
                ["CNI_PATH"] = $"{cniDir}:/usr/lib/cni",
                ["CNI_ARGS"] = $"IgnoreUnknown=1;K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=web-{id};K8S_POD_UID=uid-{id}",
            };

            ProcessResult add = await InHostNs(hostNs, "ADD", config, env);
            Assert.True(add.ExitCode == 0, $"macvlan ADD failed: {add.Stdout} {add.Stderr}");
            JsonElement result = JsonDocument.Parse(add.Stdout).RootElement;
            Assert.Equal(version, result.GetProperty("cniVersion").GetString());
            Assert.Equal("10.66.0.10/24", result.GetProperty("ips")[0].GetProperty("address").GetString());
            Assert.Equal("eth0", result.GetProperty("interfaces")[0].GetProperty("name").GetString());

            string addresses = (await Ip("-n", podNs, "-o", "addr", "show", "dev", "eth0")).Stdout;
            Assert.Contains("inet 10.66.0.10/24", addresses);
            Assert.Contains("via 10.66.0.1", (await Ip("-n", podNs, "route", "show", "default")).Stdout);

            if (version != "0.3.1")
            {
                // CHECK as a runtime sends it: the ADD result as prevResult.
                string trimmed = config.TrimEnd();
                string withPrev = trimmed[..^1] + $",\"prevResult\":{add.Stdout.Trim()}}}";
                ProcessResult check = await InHostNs(hostNs, "CHECK", withPrev, env);
                Assert.True(check.ExitCode == 0, $"macvlan CHECK failed: {check.Stdout} {check.Stderr}");
            }

            ProcessResult del = await InHostNs(hostNs, "DEL", config, env);
            Assert.True(del.ExitCode == 0, $"macvlan DEL failed: {del.Stdout} {del.Stderr}");
            Assert.Empty(agent.Allocations());
            Assert.Contains(agent.Requests, r => r.Method == "DELETE");
        }
        finally
        {
            await Ip(ignoreFailure: true, "netns", "del", podNs);
            await Ip(ignoreFailure: true, "netns", "del", hostNs);
        }
    }

    private static Task<ProcessResult> InHostNs(string hostNs, string command, string config, Dictionary<string, string> env)
        => RunAsync("ip", ["netns", "exec", hostNs, Macvlan], new Dictionary<string, string>(env) { ["CNI_COMMAND"] = command }, config);

    private static Task<ProcessResult> Ip(params string[] args) => Ip(false, args);

    private static async Task<ProcessResult> Ip(bool ignoreFailure, params string[] args)
    {
        ProcessResult r = await RunAsync("ip", args, null, null);
        if (!ignoreFailure)
        {
            Assert.True(r.ExitCode == 0, $"ip {string.Join(' ', args)} failed: {r.Stderr}");
        }

        return r;
    }

    private static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env, string? stdin)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach ((string k, string v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
        }

        p.StandardInput.Close();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not exit within 60 s");
        }

        return new ProcessResult(p.ExitCode, await stdout, await stderr);
    }

    private sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);
}
