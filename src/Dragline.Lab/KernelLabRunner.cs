using System.Diagnostics;
using System.Text;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;

namespace Dragline.Lab;

/// <summary>
/// <c>dragline lab up --kernel</c>: the seed's exclusive-mode network in the kernel-lab guest (docs/kernel-lab.md). Runs
/// the harness (<c>tests/kernel-lab/run.sh</c>: cached packages, the NativeAOT guest program, the initramfs, one QEMU
/// boot) with only the lab scenario, whose guest program wires the pods with Dragline's code, and reads what the
/// scenario left in the results share. Nothing stays on the host but the harness's output folder: the guest powers off.
/// </summary>
public sealed class KernelLabRunner
{
    public const string ScenarioName = "07-lab-exclusive";
    private const string HarnessRelativePath = "tests/kernel-lab/run.sh";
    private static readonly TimeSpan HarnessLimit = TimeSpan.FromMinutes(20);

    private readonly Action<string> _progress;

    public KernelLabRunner(Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _progress = progress;
    }

    /// <summary>The source tree that holds the harness: the current directory or one of the 5 folders above the running binary.</summary>
    /// <exception cref="KernelLabUnavailableException">No harness found.</exception>
    public static string FindRepository()
    {
        List<string> candidates = LabManifests.Candidates(HarnessRelativePath);
        string harness = candidates.FirstOrDefault(File.Exists)
            ?? throw new KernelLabUnavailableException($"--kernel runs the kernel-lab harness {HarnessRelativePath} of a Dragline source tree, and none was found (looked in {string.Join(", ", candidates.Distinct())}); run the dragline of a clone (artifacts/bin/dragline) or from the clone's folder");
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(harness)!, "..", ".."));
    }

    /// <summary>The harness's output folder (<c>DRAGLINE_KERNEL_LAB_OUT</c>, default <c>tests/kernel-lab/.out</c>).</summary>
    public static string OutputDirectory(string repository) =>
        Environment.GetEnvironmentVariable("DRAGLINE_KERNEL_LAB_OUT") is { Length: > 0 } dir ? dir : Path.Combine(repository, "tests", "kernel-lab", ".out");

    /// <summary>Runs the lab scenario in the guest and returns what it built, checked (see <see cref="KernelLabResults.Problems"/>).</summary>
    /// <exception cref="KernelLabUnavailableException">This machine cannot run the kernel lab; the message says what is missing.</exception>
    /// <exception cref="LabException">The manifests are wrong, or the harness or the scenario failed.</exception>
    public async Task<LabState> UpAsync(IReadOnlyList<string> manifests, ILabPolicyPlanner? planner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        if (!OperatingSystem.IsLinux())
        {
            throw new KernelLabUnavailableException("the kernel lab runs on Linux only");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new KernelLabUnavailableException("the kernel lab needs root (apt-get with a private configuration, the package cache in /var/cache/dragline); run it with sudo");
        }

        string repository = FindRepository();
        List<ManifestDocument> documents = LabManifests.Read(manifests, LabManifests.KernelDefaultRelativePath);
        List<ValidationProblem> errors = [.. ManifestValidator.Validate(documents).Where(p => p.Severity == ValidationSeverity.Error)];
        if (errors.Count > 0)
        {
            throw new LabException($"the manifests have {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        List<string> policyPlan = LabPolicyPlanning.Plan(documents, planner);
        string output = OutputDirectory(repository);
        CheckTools(output);

        // A fresh directory only we can enter: a predictable /tmp name could be pre-created or linked by another user
        // to feed the guest other manifests or to make us overwrite their file.
        DirectoryInfo privateDirectory = Directory.CreateTempSubdirectory("dragline-kernel-lab-");
        try
        {
            File.SetUnixFileMode(privateDirectory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            string manifestFile = Path.Combine(privateDirectory.FullName, "manifests.yaml");
            // YAML documents in JSON flow style; the leading comment keeps the reader from taking the file for one JSON value.
            string yaml = "# the manifests of dragline lab up --kernel\n" + string.Join("", documents.Select(d => "---\n" + d.Json.ToJsonString() + "\n"));
            await File.WriteAllTextAsync(manifestFile, yaml, cancellationToken).ConfigureAwait(false);

            _progress($"kernel lab: {documents.Count} object(s) for the guest; running {HarnessRelativePath} {ScenarioName} (a first run downloads about 150 MB and publishes the guest program: minutes)");
            (int exitCode, string harnessOutput) = await RunHarnessAsync(repository, output, manifestFile, cancellationToken).ConfigureAwait(false);
            if (exitCode == 3)
            {
                throw new KernelLabUnavailableException($"this machine cannot run the kernel lab: {LastLines(harnessOutput, 4)}");
            }

            if (exitCode != 0)
            {
                throw new LabException($"the kernel-lab harness failed (exit {exitCode}); console log {Path.Combine(output, "console.log")}:{Environment.NewLine}{LastLines(harnessOutput, 15)}");
            }
        }
        finally
        {
            privateDirectory.Delete(recursive: true);
        }

        LabState state = KernelLabResults.Read(Path.Combine(output, "share", "results"), ScenarioName, Path.Combine(output, "console.log"), policyPlan);
        return state;
    }

    private static void CheckTools(string output)
    {
        var missing = new List<string>();
        foreach ((string tool, string package) in (ReadOnlySpan<(string, string)>)[("bash", "bash"), ("flock", "util-linux"), ("busybox", "busybox-static"), ("cpio", "cpio"), ("xz", "xz-utils"), ("gzip", "gzip"), ("depmod", "kmod"), ("apt-get", "apt")])
        {
            if (FindOnPath(tool) is null)
            {
                missing.Add($"{tool} (Debian package {package})");
            }
        }

        if (FindOnPath("dotnet") is null && !File.Exists(Path.Combine(output, "share", "bin", "dragline-lab-guest")))
        {
            missing.Add("dotnet (the .NET 10 SDK: the harness publishes the guest program tests/Dragline.KernelLab.Guest with it)");
        }

        if (missing.Count > 0)
        {
            throw new KernelLabUnavailableException($"the kernel lab needs {string.Join(", ", missing)}; install them (./build.sh installs the Debian ones as root) and run again");
        }
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private async Task<(int ExitCode, string Output)> RunHarnessAsync(string repository, string output, string manifestFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        start.ArgumentList.Add(Path.Combine(repository, HarnessRelativePath));
        start.ArgumentList.Add(ScenarioName);
        start.Environment["DRAGLINE_KERNEL_LAB_MANIFEST"] = manifestFile;
        var text = new StringBuilder();
        bool booted = false;
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (text)
            {
                text.AppendLine(line);
                booted |= line.Contains("booting the guest", StringComparison.Ordinal);
            }

            _progress(line.Trim());
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(HarnessLimit);
        string console = Path.Combine(output, "console.log");
        long offset = -1;
        var pending = new StringBuilder();
        try
        {
            while (!process.HasExited)
            {
                await Task.Delay(500, limit.Token).ConfigureAwait(false);
                bool tail;
                lock (text)
                {
                    tail = booted;
                }

                if (tail)
                {
                    offset = TailConsole(console, offset, pending);
                }
            }

            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new LabException($"the kernel-lab harness did not finish within {HarnessLimit.TotalMinutes} minutes and was stopped; console log {console}");
        }

        process.WaitForExit();
        if (booted)
        {
            TailConsole(console, offset, pending);
        }

        lock (text)
        {
            return (process.ExitCode, text.ToString());
        }
    }

    /// <summary>Forwards the guest console's <c>kernel-lab:</c> lines written since <paramref name="offset"/> (-1: from the start of this boot's log).</summary>
    private long TailConsole(string console, long offset, StringBuilder pending)
    {
        if (!File.Exists(console))
        {
            return offset;
        }

        using var stream = new FileStream(console, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (offset < 0 || stream.Length < offset)
        {
            offset = 0;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        pending.Append(reader.ReadToEnd());
        offset = stream.Length;
        string all = pending.ToString();
        int end = all.LastIndexOf('\n');
        if (end < 0)
        {
            return offset;
        }

        foreach (string line in all[..end].Split('\n'))
        {
            string trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("kernel-lab:", StringComparison.Ordinal))
            {
                _progress("guest: " + trimmed["kernel-lab:".Length..].Trim());
            }
        }

        pending.Clear().Append(all[(end + 1)..]);
        return offset;
    }

    private static string LastLines(string text, int count) =>
        string.Join(Environment.NewLine, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count));
}
