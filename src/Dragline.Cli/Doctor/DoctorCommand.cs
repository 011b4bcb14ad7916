using System.CommandLine;
using System.Text.Json;
using Dragline.Core;
using Dragline.Linux.Discovery;

namespace Dragline.Cli.Doctor;

/// <summary>
/// <c>dragline doctor [--root DIR] [--json]</c>: checks whether a host is ready to give pods RDMA,
/// in the order a person fixes things, with the evidence read and the command that fixes each problem.
/// Exit 0 when nothing failed, 1 when a check failed, 2 when the root cannot be read.
/// </summary>
public static class DoctorCommand
{
    private const string Description =
        """
        Check this host (or a captured tree) for RDMA readiness: kernel, RDMA modules, devices and port states,
        netns mode (live and persisted), SR-IOV VFs, /dev/infiniband, the memlock limit, GPUDirect and NIC-GPU affinity.
        Each finding is pass, warn, fail or skip, with what was read, where, and the command that fixes it.
        Exits 0 when nothing failed, 1 when a check failed, 2 when the root cannot be read.

        Examples:
          dragline doctor
          dragline doctor --json | jq '.findings[] | select(.status != "pass")'
          dragline doctor --root tests/testdata/sysfs/seed-host
        """;

    private const int ReadableWidth = 120;

    /// <summary>
    /// Builds the command. <paramref name="netnsModeSource"/> chooses how the netns mode is read for
    /// a root; the default is <see cref="DefaultNetnsModeSource"/>.
    /// </summary>
    public static Command Build(Func<HostRoot, IRdmaNetnsModeSource>? netnsModeSource = null)
    {
        var root = new Option<string>("--root")
        {
            Description = "Filesystem root to read: sysfs at ROOT/sys, procfs at ROOT/proc, modprobe.d at ROOT/etc, /dev at ROOT/dev.",
            DefaultValueFactory = _ => "/",
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (stable field names) instead of tables." };
        var command = new Command("doctor", Description);
        command.Options.Add(root);
        command.Options.Add(json);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(root) ?? "/",
            parseResult.GetValue(json),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            netnsModeSource));
        return command;
    }

    /// <summary>Runs the checks and writes the report; returns the exit code.</summary>
    public static int Run(string rootPath, bool json, TextWriter output, TextWriter error, Func<HostRoot, IRdmaNetnsModeSource>? netnsModeSource = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        HostRoot root;
        try
        {
            root = new HostRoot(rootPath);
        }
        catch (DraglineException e)
        {
            error.WriteLine($"dragline doctor: {e.Message}");
            return 2;
        }

        DoctorReport report = Diagnose(root, netnsModeSource);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(report, DoctorJsonContext.Output.DoctorReport));
        }
        else
        {
            bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            int width = terminal ? Math.Max(Console.WindowWidth, 80) : ReadableWidth;
            DoctorTableRenderer.Render(report, output, colour: terminal, width);
        }

        return report.ExitCode;
    }

    /// <summary>
    /// On the live root, RDMA netlink first (what <c>rdma system</c> reads), sysfs second; under any
    /// other root only the tree's files describe that host, so only sysfs.
    /// </summary>
    public static IRdmaNetnsModeSource DefaultNetnsModeSource(HostRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.IsLive
            ? new FirstAvailableRdmaNetnsModeSource(new NetlinkRdmaNetnsModeSource(), new SysfsRdmaNetnsModeSource(root))
            : new SysfsRdmaNetnsModeSource(root);
    }

    /// <summary>Discovers the host under <paramref name="root"/> and runs every check.</summary>
    public static DoctorReport Diagnose(HostRoot root, Func<HostRoot, IRdmaNetnsModeSource>? netnsModeSource = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        HostInventory inventory = new HostDiscovery(root).Discover();
        IRdmaNetnsModeSource source = netnsModeSource?.Invoke(root) ?? DefaultNetnsModeSource(root);
        return HostReadinessChecker.Check(inventory, source);
    }
}
