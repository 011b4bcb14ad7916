using System.Diagnostics;
using System.Text.Json;
using Dragline.Testing;

namespace Dragline.Lab.IntegrationTests;

/// <summary>The published <c>artifacts/bin/dragline</c> run as a separate process; skips when not root or not published.</summary>
public static class LabProcess
{
    public static string RepositoryRoot()
    {
        return RepositoryPaths.Root;
    }

    /// <summary>The binary; skips the test with the reason when it cannot run here.</summary>
    public static string Binary()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Skip("the lab needs root (network namespaces, links, CNI plugins); run the tests as root");
        }

        string root = RepositoryRoot();
        string binary = Path.Combine(root, "artifacts", "bin", "dragline");
        string plugin = Path.Combine(root, "artifacts", "cni", "dragline-ipam");
        if (!File.Exists(binary) || !File.Exists(plugin))
        {
            Assert.Skip($"{binary} or {plugin} does not exist: run ./build.sh first (./test.sh does)");
        }

        if (!File.Exists("/usr/lib/cni/macvlan"))
        {
            Assert.Skip("/usr/lib/cni/macvlan is missing: install containernetworking-plugins");
        }

        return binary;
    }

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonElement Json() => JsonDocument.Parse(Output).RootElement;
    }

    public static Result Run(string binary, params string[] arguments)
    {
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot(),
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dragline {string.Join(' ', arguments)} did not finish in 4 minutes; stderr so far: {error.Result}");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
