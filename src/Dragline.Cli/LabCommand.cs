using System.CommandLine;
using System.Text.Json;
using Dragline.Core;
using Dragline.Lab;
using Dragline.Linux;
using Spectre.Console;

namespace Dragline.Cli;

/// <summary>
/// <c>dragline lab up|status|down</c>: the seed acted out on one machine with no cluster (see docs/lab.md).
/// Progress goes to standard error; the tables (or <c>--json</c>) to standard output.
/// </summary>
public static class LabCommand
{
    private const string Description =
        """
        Act out the seed on this machine, no cluster needed: two nodes (network namespaces with an eth0 uplink into a
        bridge in a fabric namespace that holds the gateway), a dragline agent process per node on one SQLite store,
        and pods (namespaces) attached through the real CNI plugins (macvlan + dragline-ipam). Needs root.

        With --kernel, the seed's exclusive mode instead, in the kernel-lab QEMU guest (docs/kernel-lab.md): RDMA netns mode
        exclusive, each pod with its own netdev and its own Soft-RoCE device, rdma link per pod, ib_read_lat between them.

        Examples:
          sudo artifacts/bin/dragline lab up
          sudo artifacts/bin/dragline lab status
          sudo artifacts/bin/dragline lab down
          sudo artifacts/bin/dragline lab up --kernel
        """;

    public static Command Build()
    {
        var command = new Command("lab", Description);
        command.Subcommands.Add(BuildUp());
        command.Subcommands.Add(BuildStatus());
        command.Subcommands.Add(BuildDown());
        return command;
    }

    private static Option<string> StateDirOption() => new("--state-dir")
    {
        Description = $"Where the lab keeps its state file, store, agent sockets and logs (default {LabOptions.DefaultStateDirectory}).",
        DefaultValueFactory = _ => LabOptions.DefaultStateDirectory,
    };

    private static Option<string> PrefixOption() => new("--prefix")
    {
        Description = $"Prefix of the lab's namespace names (default '{LabOptions.DefaultPrefix}'); lets a second lab (a test) run beside yours.",
        DefaultValueFactory = _ => LabOptions.DefaultPrefix,
    };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON for scripts." };

    private static Command BuildUp()
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = $"Manifest file or directory; repeatable. Default {LabManifests.DefaultRelativePath}.",
            AllowMultipleArgumentsPerToken = false,
        };
        Option<string> stateDir = StateDirOption();
        Option<string> prefix = PrefixOption();
        Option<bool> json = JsonOption();
        var kernel = new Option<bool>("--kernel")
        {
            Description = $"Run the exclusive-mode lab in the kernel-lab QEMU guest (Soft-RoCE, RDMA netns exclusive, ib_read_lat between the pods); needs root and a source tree. Default manifests {LabManifests.KernelDefaultRelativePath}. Leaves nothing running: the guest powers off.",
        };
        var command = new Command("up", "Build the lab (tearing down one already up), attach every pod, ping every pair. Exit 0 only if every pair connects.");
        command.Options.Add(files);
        command.Options.Add(stateDir);
        command.Options.Add(prefix);
        command.Options.Add(json);
        command.Options.Add(kernel);
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            if (parseResult.GetValue(kernel))
            {
                return UpKernel(parseResult.GetValue(files) ?? [], parseResult.GetValue(json), output, error);
            }

            if (!Preflight("up", error))
            {
                return 1;
            }

            var options = new LabOptions
            {
                Manifests = parseResult.GetValue(files) ?? [],
                StateDirectory = parseResult.GetValue(stateDir)!,
                Prefix = parseResult.GetValue(prefix)!,
                PolicyPlanner = new Policy.LabSriovPlanner(),
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            LabState state;
            try
            {
                state = new LabRunner(line => error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {line}"))
                    .UpAsync(options).GetAwaiter().GetResult();
            }
            catch (LabPreflightException ex)
            {
                error.WriteLine($"dragline lab up: {ex.Message}");
                return 1;
            }
            catch (Exception ex) when (ex is LabException or DraglineException or LinuxException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                error.WriteLine($"dragline lab up: {ex.Message}");
                if (Directory.Exists(options.StateDirectory))
                {
                    error.WriteLine($"dragline lab up: what was built is recorded in {options.StateDirectory}; 'dragline lab down --state-dir {options.StateDirectory}' removes it");
                }
                return 1;
            }

            error.WriteLine($"lab up in {clock.Elapsed.TotalSeconds:0.0} s");
            Print(state, parseResult.GetValue(json), output);
            bool connected = state.Connectivity.Count > 0 && state.Connectivity.All(p => p.Success);
            return connected ? 0 : 1;
        });
        return command;
    }

    /// <summary>Exit 0 when the guest lab did what the seed's step 7 shows, 1 when it did not, 2 when the kernel lab cannot run here.</summary>
    private static int UpKernel(string[] files, bool json, TextWriter output, TextWriter error)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        LabState state;
        try
        {
            state = new KernelLabRunner(line => error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {line}"))
                .UpAsync(files, new Policy.LabSriovPlanner()).GetAwaiter().GetResult();
        }
        catch (KernelLabUnavailableException ex)
        {
            error.WriteLine($"dragline lab up --kernel: {ex.Message}");
            error.WriteLine("dragline lab up --kernel: the shared-mode lab ('dragline lab up' without --kernel) runs on this machine's kernel");
            return 2;
        }
        catch (Exception ex) when (ex is LabException or DraglineException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            error.WriteLine($"dragline lab up --kernel: {ex.Message}");
            return 1;
        }

        error.WriteLine($"lab up --kernel in {clock.Elapsed.TotalSeconds:0.0} s");
        List<string> problems = KernelLabResults.Problems(state);
        Print(state, json, output);
        foreach (string problem in problems)
        {
            error.WriteLine($"dragline lab up --kernel: {problem}");
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static Command BuildStatus()
    {
        Option<string> stateDir = StateDirOption();
        Option<bool> json = JsonOption();
        var command = new Command("status", "Show the lab's pods and connectivity from its saved state.");
        command.Options.Add(stateDir);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            string directory = parseResult.GetValue(stateDir)!;
            LabState? state;
            try
            {
                state = LabRunner.Load(directory);
            }
            catch (Exception ex) when (ex is LabException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"dragline lab status: {ex.Message}");
                return 1;
            }

            if (state is null)
            {
                error.WriteLine($"dragline lab status: no lab state in {directory}; start one with 'dragline lab up'");
                return 1;
            }

            Print(state, parseResult.GetValue(json), parseResult.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    private static Command BuildDown()
    {
        Option<string> stateDir = StateDirOption();
        Option<string> prefix = PrefixOption();
        Option<bool> json = JsonOption();
        var command = new Command("down", "CNI DEL every attachment, check the store holds no allocation, stop the agents, delete the namespaces and the state directory. Works after a crash too.");
        command.Options.Add(stateDir);
        command.Options.Add(prefix);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            if (!Preflight("down", error))
            {
                return 1;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            LabDownReport report;
            try
            {
                report = new LabRunner(line => error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {line}"))
                    .DownAsync(parseResult.GetValue(stateDir)!, parseResult.GetValue(prefix)!).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is LabException or DraglineException or LinuxException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                error.WriteLine($"dragline lab down: {ex.Message}");
                return 1;
            }

            error.WriteLine($"lab down in {clock.Elapsed.TotalSeconds:0.0} s");
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, LabJsonContext.Default.LabDownReport));
            }
            else
            {
                output.WriteLine($"CNI DEL: {report.Deleted} attachment(s); allocations left in the store: {(report.RemainingAllocations < 0 ? "no store" : report.RemainingAllocations)}; agents stopped: {report.AgentsStopped}; namespaces deleted: {report.NamespacesDeleted.Count}; state directory removed: {(report.StateDirectoryRemoved ? "yes" : "no")}");
                foreach (string problem in report.Problems)
                {
                    output.WriteLine($"problem: {problem}");
                }
            }

            return report.Succeeded ? 0 : 1;
        });
        return command;
    }

    private static bool Preflight(string verb, TextWriter error)
    {
        if (!OperatingSystem.IsLinux())
        {
            error.WriteLine($"dragline lab {verb}: the lab runs on Linux only");
            return false;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            error.WriteLine($"dragline lab {verb}: needs root (network namespaces, links, CNI plugins); run it with sudo");
            return false;
        }

        return true;
    }

    private static void Print(LabState state, bool json, TextWriter output)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(state, LabJsonContext.Default.LabState));
            return;
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var pods = new Table().Border(TableBorder.Rounded).Title(state.Mode == "exclusive" ? "pods (exclusive mode, in the kernel-lab guest; RDMA devices as rdma link shows them in the pod)" : "pods");
        foreach (string column in (string[])["pod", "node", "interface", "IP", "MAC", "gateway", "network", "RDMA devices"])
        {
            pods.AddColumn(column);
        }

        foreach (LabPodState pod in state.Pods)
        {
            foreach (LabAttachmentState attachment in pod.Attachments)
            {
                pods.AddRow(
                    Markup.Escape($"{pod.PodNamespace}/{pod.Name}"),
                    Markup.Escape(pod.Node),
                    Markup.Escape(attachment.InterfaceName),
                    Markup.Escape(attachment.Address ?? "-"),
                    Markup.Escape(attachment.Mac ?? "-"),
                    Markup.Escape(attachment.Gateway ?? "-"),
                    Markup.Escape(attachment.Network),
                    Markup.Escape(pod.RdmaDevices.Length == 0 ? "-" : pod.RdmaDevices));
            }
        }

        console.Write(pods);
        var matrix = new Table().Border(TableBorder.Rounded).Title(state.Mode == "exclusive" ? "connectivity (ping -c 1 -W 5 in the guest, row pings column)" : "connectivity (ping -c 1 -W 2, row pings column)");
        matrix.AddColumn("from \\ to");
        foreach (LabPodState pod in state.Pods)
        {
            matrix.AddColumn(Markup.Escape(pod.Name));
        }

        foreach (LabPodState from in state.Pods)
        {
            var cells = new List<string> { Markup.Escape(from.Name) };
            foreach (LabPodState to in state.Pods)
            {
                var pings = state.Connectivity.Where(p => p.From == from.Name && p.To == to.Name).ToList();
                cells.Add(from == to ? "-" : pings.Count == 0 ? "?" : pings.All(p => p.Success) ? "ok" : "FAIL");
            }

            matrix.AddRow(cells.ToArray());
        }

        console.Write(matrix);
        if (state.RdmaLatency is { } latency)
        {
            console.WriteLine($"ib_read_lat {latency.From} ({latency.FromDevice}) -> {latency.To} ({latency.ToDevice}, {latency.ToAddress}): {latency.Bytes} B x {latency.Iterations}, t_typical {latency.TypicalMicroseconds:0.00} us, t_avg {latency.AverageMicroseconds:0.00} us, t_min {latency.MinimumMicroseconds:0.00} us");
            console.WriteLine("(Soft-RoCE under QEMU's software emulation: the numbers prove the RDMA path, not the speed)");
        }

        foreach (string line in state.PolicyPlan)
        {
            console.WriteLine(line);
        }

        int ok = state.Connectivity.Count(p => p.Success);
        console.WriteLine(state.Mode == "exclusive"
            ? $"{ok}/{state.Connectivity.Count} pairs connect; RDMA netns mode {state.RdmaNetnsMode}; guest results in {state.StateDirectory}, console log {state.GuestConsoleLog}"
            : $"{ok}/{state.Connectivity.Count} pairs connect; state in {state.StateDirectory}");
    }
}
