using System.Diagnostics;
using Dragline.Testing;

namespace Dragline.Agent.IntegrationTests;

/// <summary>What the machine offers the tests: root, the reference plugins, the published artifacts; and running tools (argument lists, never a shell).</summary>
internal static class Host
{
    public const string ReferencePlugins = "/usr/lib/cni";

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The repository root (where Dragline.slnx is).</summary>
    public static string RepositoryRoot()
    {
        return RepositoryPaths.Root;
    }

    /// <summary>artifacts/cni (or DRAGLINE_CNI_DIR), holding dragline-ipam; skips the test when it was not published.</summary>
    public static string DraglineCniDirectory()
    {
        string dir = Environment.GetEnvironmentVariable("DRAGLINE_CNI_DIR") is { Length: > 0 } fromEnv ? fromEnv : Path.Combine(RepositoryRoot(), "artifacts", "cni");
        if (!File.Exists(Path.Combine(dir, "dragline-ipam")))
        {
            Assert.Skip($"{dir}/dragline-ipam does not exist: publish the CNI plugins with ./build.sh (./test.sh does)");
        }

        return dir;
    }

    public static void RequireRoot(string why)
    {
        if (!IsRoot)
        {
            Assert.Skip($"needs root: {why}");
        }
    }

    public static void RequireReferencePlugin(string name)
    {
        if (!File.Exists(Path.Combine(ReferencePlugins, name)))
        {
            Assert.Skip($"{ReferencePlugins}/{name} is missing: install Debian's containernetworking-plugins");
        }
    }

    /// <summary>Runs a tool; throws with its output when it fails and <paramref name="check"/> is set.</summary>
    public static async Task<(int Code, string Out, string Err)> RunAsync(string file, IReadOnlyList<string> args, bool check = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + file);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        (int code, string o, string e) = (process.ExitCode, await stdout, await stderr);
        if (check && code != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {code}: {e}{o}");
        }

        return (code, o, e);
    }

    public static Task<(int Code, string Out, string Err)> Ip(params string[] args) => RunAsync("/usr/sbin/ip", args);
}
