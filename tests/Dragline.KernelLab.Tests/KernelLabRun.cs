using System.Diagnostics;
using System.Text;
using Dragline.Testing;

namespace Dragline.KernelLab.Tests;

/// <summary>
/// One boot of the kernel-lab guest, shared by every scenario test: runs tests/kernel-lab/run.sh
/// (fetch packages, publish the guest program, build the initramfs, boot, run all scenarios) and
/// then serves each scenario's result. When the machine cannot run the lab, every test skips with
/// <see cref="SkipReason"/>.
/// </summary>
public sealed class KernelLabRun : IAsyncLifetime
{
    /// <summary>Longer than the guest's own limit (run.sh) plus a cold download and NativeAOT publish.</summary>
    private static readonly TimeSpan HarnessLimit = TimeSpan.FromMinutes(14);

    private readonly StringBuilder _output = new();

    public string? SkipReason { get; private set; }

    public string? HarnessFailure { get; private set; }

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string OutputDirectory => Environment.GetEnvironmentVariable("DRAGLINE_KERNEL_LAB_OUT") is { Length: > 0 } dir
        ? dir
        : Path.Combine(RepositoryRoot, "tests", "kernel-lab", ".out");

    public string ConsoleLog => Path.Combine(OutputDirectory, "console.log");

    public string ResultsDirectory => Path.Combine(OutputDirectory, "share", "results");

    public string HarnessOutput => _output.ToString();

    /// <summary>results/versions.txt as this run left it (read at once: a later boot rewrites the results folder).</summary>
    private string? _versions;

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            SkipReason = "the kernel lab needs root on Linux (apt-get with a private configuration, the package cache in /var/cache/dragline)";
            return;
        }

        string script = Path.Combine(RepositoryRoot, "tests", "kernel-lab", "run.sh");
        var start = new ProcessStartInfo("bash")
        {
            // The harness gets an empty stdin: the test runner talks to this process over its own
            // standard streams, and nothing the harness starts (apt, dotnet, QEMU) may read them.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(script);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(HarnessLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            HarnessFailure = $"tests/kernel-lab/run.sh did not finish within {HarnessLimit.TotalMinutes} minutes; console log: {ConsoleLog}\n{HarnessOutput}";
            return;
        }

        process.WaitForExit();
        switch (process.ExitCode)
        {
            case 0:
                string versions = Path.Combine(ResultsDirectory, "versions.txt");
                _versions = File.Exists(versions) ? await File.ReadAllTextAsync(versions) : null;
                break;
            case 3:
                SkipReason = "this machine cannot run the kernel lab: " + LastLines(HarnessOutput, 5);
                break;
            default:
                HarnessFailure = $"tests/kernel-lab/run.sh exited {process.ExitCode}; console log: {ConsoleLog}\n{HarnessOutput}";
                break;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The result of scenario <paramref name="name"/> (a file name under tests/kernel-lab/scenarios, without .sh).</summary>
    public ScenarioResult Scenario(string name)
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        if (HarnessFailure is not null)
        {
            Assert.Fail(HarnessFailure);
        }

        string rcFile = Path.Combine(ResultsDirectory, name + ".rc");
        string logFile = Path.Combine(ResultsDirectory, name + ".log");
        if (!File.Exists(rcFile))
        {
            string log = File.Exists(logFile) ? File.ReadAllText(logFile) : "(no log)";
            Assert.Fail($"scenario {name} did not finish in the guest (no {rcFile}); its log:\n{log}\nconsole log: {ConsoleLog}");
        }

        int exitCode = int.Parse(File.ReadAllText(rcFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new ScenarioResult(name, exitCode, File.ReadAllText(logFile), Path.Combine(ResultsDirectory, name + ".d"));
    }

    /// <summary>The kernel and QEMU this run resolved and booted (results/versions.txt, written by run.sh).</summary>
    public KernelLabVersions Versions()
    {
        _ = Scenario("00-guest-tools");
        if (_versions is null)
        {
            Assert.Fail($"tests/kernel-lab/run.sh left no {Path.Combine(ResultsDirectory, "versions.txt")}; its output:\n{HarnessOutput}");
        }

        return KernelLabVersions.Parse(_versions);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));

    public static string FindRepositoryRoot()
    {
        return RepositoryPaths.Root;
    }
}
