using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dragline.Testing;

namespace Dragline.Cni.IntegrationTests;

/// <summary>
/// The published NativeAOT plugin as the runtime sees it: <c>artifacts/cni/dragline-ipam</c> (a
/// symlink to <c>dragline-cni</c>; <c>./build.sh</c> makes it, and <c>./test.sh</c> runs that first),
/// or the directory in <c>DRAGLINE_CNI_DIR</c>. Each call runs it as a separate process with only
/// the given CNI variables set.
/// </summary>
public static class PublishedPlugin
{
    public static string Directory()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("DRAGLINE_CNI_DIR");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        return RepositoryPaths.File("artifacts", "cni");
    }

    /// <summary>The plugin's path; skips the test (with the reason) when it has not been published.</summary>
    public static string PathOf(string plugin = "dragline-ipam")
    {
        string path = Path.Combine(Directory(), plugin);
        if (!File.Exists(path))
        {
            Assert.Skip($"{path} does not exist: publish the CNI plugins first with ./build.sh (./test.sh does), or point DRAGLINE_CNI_DIR at a directory holding {plugin}");
        }

        return path;
    }

    public static async Task<PluginRun> RunAsync(string command, string? stdin, IReadOnlyDictionary<string, string>? env = null, string plugin = "dragline-ipam")
    {
        var psi = new ProcessStartInfo(PathOf(plugin))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string key in psi.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        psi.Environment["CNI_COMMAND"] = command;
        foreach ((string k, string v) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{plugin} {command} did not exit within 60 s (a hang)");
        }

        clock.Stop();
        return new PluginRun(process.ExitCode, await stdout, await stderr, clock.Elapsed);
    }

    /// <summary>The usual CNI variables of one attachment.</summary>
    public static Dictionary<string, string> Attachment(string containerId = "ctr-1", string ifName = "eth0", string? args = null) => new()
    {
        ["CNI_CONTAINERID"] = containerId,
        ["CNI_NETNS"] = $"/var/run/netns/{containerId}",
        ["CNI_IFNAME"] = ifName,
        ["CNI_PATH"] = "/opt/cni/bin",
        ["CNI_ARGS"] = args ?? $"IgnoreUnknown=1;K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod-{containerId};K8S_POD_INFRA_CONTAINER_ID={containerId};K8S_POD_UID=uid-{containerId}",
    };
}

/// <summary>The outcome of one plugin process.</summary>
public sealed record PluginRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>Asserts the run failed with the spec's error JSON and the given code; returns the message.</summary>
    public string AssertError(int code)
    {
        Assert.True(ExitCode == 1, $"expected exit 1 with error code {code}, got exit {ExitCode}; stdout: {Stdout}; stderr: {Stderr}");
        JsonElement e = Json();
        Assert.True(e.GetProperty("code").GetInt32() == code, $"expected code {code}: {Stdout}");
        Assert.False(string.IsNullOrEmpty(e.GetProperty("cniVersion").GetString()));
        return e.GetProperty("msg").GetString()!;
    }

    public void AssertSuccess()
    {
        Assert.True(ExitCode == 0, $"expected success, got exit {ExitCode}; stdout: {Stdout}; stderr: {Stderr}");
    }

    public string Describe() => new StringBuilder().Append("exit ").Append(ExitCode).Append("; stdout: ").Append(Stdout).Append("; stderr: ").Append(Stderr).ToString();
}
