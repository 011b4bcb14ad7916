using System.Diagnostics;
using System.Text.Json;
using Dragline.Lab;
using Dragline.Lab.Tests;

namespace Dragline.KernelLab.Tests;

/// <summary>
/// <c>dragline lab up --kernel --json</c> as a user runs it: the published artifacts/bin/dragline (./build.sh) boots the
/// kernel-lab guest with the lab scenario and prints the exclusive-mode lab as JSON.
/// </summary>
public sealed class LabUpKernelTests
{
    [Fact]
    public async Task LabUpKernelShowsEachPodItsOwnRdmaDeviceAndMeasuresLatency()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            Assert.Skip("dragline lab up --kernel needs root on Linux (the kernel lab's package cache, QEMU, namespaces in the guest)");
        }

        string repository = KernelLabRun.FindRepositoryRoot();
        string dragline = Path.Combine(repository, "artifacts", "bin", "dragline");
        if (!File.Exists(dragline))
        {
            Assert.Skip($"{dragline} is missing: run ./build.sh first (./test.sh does)");
        }

        var start = new ProcessStartInfo(dragline)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repository,
        };
        foreach (string argument in (string[])["lab", "up", "--kernel", "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        await process.WaitForExitAsync(limit.Token);
        string output = await stdout;
        string progress = await stderr;
        if (process.ExitCode == 2)
        {
            Assert.Skip("this machine cannot run the kernel lab: " + progress.Trim());
        }

        Assert.True(process.ExitCode == 0, $"dragline lab up --kernel exited {process.ExitCode}:\n{progress}\n{output}");
        LabState? state = JsonSerializer.Deserialize(output, LabJsonContext.Default.LabState);
        Assert.NotNull(state);
        LabExpectations.AssertSeedStep7(state);
        Assert.Contains("guest: scenario 07-lab-exclusive: passed", progress, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"ib_read_lat {state.RdmaLatency!.From} -> {state.RdmaLatency.To}: t_typical {state.RdmaLatency.TypicalMicroseconds} us " +
            $"(pods: {string.Join(", ", state.Pods.Select(p => $"{p.Name} {p.Attachments[0].Address} {p.RdmaDevice}"))})");
    }
}
