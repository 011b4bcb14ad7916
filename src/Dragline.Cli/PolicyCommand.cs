using System.CommandLine;
using System.Text.Json;
using Dragline.Api.Serialization;
using Dragline.Cli.Policy;
using Dragline.Core;
using Dragline.Linux.Discovery;
using Dragline.Sriov;
using Dragline.Sriov.Apply;
using Dragline.Sriov.Plan;
using Dragline.Sriov.Policy;

namespace Dragline.Cli;

/// <summary>
/// <c>dragline policy plan|apply -f FILE [--root DIR]</c>: what SriovNetworkNodePolicies do to this host (or a
/// captured tree), and doing it. Exit 0 when the plan is clean (and, for apply, every step succeeded), 1 when a
/// policy is wrong or a step failed, 2 when the input cannot be read.
/// </summary>
public static class PolicyCommand
{
    private const string PlanDescription =
        """
        Show what SriovNetworkNodePolicies would do to this host (or a captured tree): which PFs each policy selects,
        how many VFs each PF gets, and which device-plugin resource (spidernet.io/NAME) the VFs feed, after defaulting,
        validation and the operator's priority merge. Nothing is changed.
        Exits 0 when the plan has no errors, 1 when a policy is wrong for this node, 2 when the input cannot be read.

        Examples:
          dragline policy plan -f examples/seed/ib-sriov.yaml --root tests/testdata/sysfs/seed-host
          dragline policy plan -f policies.yaml --node-labels kubernetes.io/os=linux,node-role.kubernetes.io/worker=
          dragline policy plan -f policies.yaml --json | jq '.resources'
        """;

    private const string ApplyDescription =
        """
        Apply SriovNetworkNodePolicies to this host: create the VFs (sriov_numvfs, through 0 when the count changes),
        bind their drivers (or vfio-pci), set InfiniBand VF GUIDs or the RoCE admin MAC and rebind, set MTUs and bring
        the PF up. Only what differs is written, so running it again changes nothing. Needs root, and the host's
        network namespace. --root names where the host's / is mounted (e.g. /host in a pod); it must be this host.
        Exits 0 when every step succeeded, 1 when the plan has errors or a step failed, 2 when the input cannot be read.

        Examples:
          dragline policy apply -f examples/seed/ib-sriov.yaml
          dragline policy apply -f /etc/dragline/policies.yaml --root /host --json
        """;

    private const int ReadableWidth = 140;

    /// <summary>
    /// Builds the command. <paramref name="kernel"/> gives the sysfs and netlink sides apply writes through
    /// (tests pass a fake); the default is <see cref="HostSriovSysfs"/> and <see cref="RtNetlinkSriovNetlink"/>.
    /// </summary>
    public static Command Build(Func<HostRoot, (ISriovSysfs Sysfs, ISriovNetlink Netlink)>? kernel = null, TextReader? standardInput = null, SriovApplyOptions? applyOptions = null)
    {
        var command = new Command("policy", "Plan and apply SR-IOV policies (SriovNetworkNodePolicy) on this host.");
        command.Subcommands.Add(BuildSubcommand("plan", PlanDescription, kernel, standardInput, applyOptions));
        command.Subcommands.Add(BuildSubcommand("apply", ApplyDescription, kernel, standardInput, applyOptions));
        return command;
    }

    private static Command BuildSubcommand(string name, string description, Func<HostRoot, (ISriovSysfs, ISriovNetlink)>? kernel, TextReader? standardInput, SriovApplyOptions? applyOptions)
    {
        var file = new Option<string>("--file", "-f") { Description = "Manifest file holding SriovNetworkNodePolicy objects (other kinds are ignored), or '-' for standard input.", Required = true };
        var root = new Option<string>("--root")
        {
            Description = "Filesystem root of the host: sysfs at ROOT/sys (as for 'dragline doctor').",
            DefaultValueFactory = _ => "/",
        };
        var labels = new Option<string?>("--node-labels")
        {
            Description = "The node's labels, KEY=VALUE,...; nodeSelectors are matched against exactly these. Default: kubernetes.io/os=linux, kubernetes.io/arch and kubernetes.io/hostname.",
        };
        var node = new Option<string?>("--node-name") { Description = "The node's name (default: this machine's host name)." };
        var json = new Option<bool>("--json") { Description = name == "plan" ? "Print the plan as JSON." : "Print the resulting SriovNetworkNodeState as JSON." };
        var command = new Command(name, description);
        command.Options.Add(file);
        command.Options.Add(root);
        command.Options.Add(labels);
        command.Options.Add(node);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            SriovPolicyFile input;
            try
            {
                input = SriovPolicyFile.Read(parseResult.GetValue(file) ?? "", parseResult.GetValue(root) ?? "/", parseResult.GetValue(labels), parseResult.GetValue(node), standardInput ?? Console.In);
            }
            catch (SriovPolicyFileException e)
            {
                foreach (string problem in e.Problems)
                {
                    error.WriteLine(problem);
                }

                error.WriteLine($"dragline policy {name}: {e.Message}");
                return 2;
            }

            bool asJson = parseResult.GetValue(json);
            return name == "plan"
                ? RunPlan(input, asJson, output)
                : RunApply(input, asJson, output, error, kernel ?? DefaultKernel, applyOptions);
        });
        return command;
    }

    private static (ISriovSysfs, ISriovNetlink) DefaultKernel(HostRoot root) => (new HostSriovSysfs(root), RtNetlinkSriovNetlink.Open());

    private static int RunPlan(SriovPolicyFile input, bool json, TextWriter output)
    {
        SriovNodePlan plan = input.Plan();
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(plan, SriovJsonContext.Default.SriovNodePlan));
        }
        else
        {
            PolicyPlanRenderer.RenderPlan(OpenConsole(output), plan, input.Root.Path);
        }

        return plan.HasErrors ? 1 : 0;
    }

    private static int RunApply(SriovPolicyFile input, bool json, TextWriter output, TextWriter error, Func<HostRoot, (ISriovSysfs, ISriovNetlink)> kernel, SriovApplyOptions? options)
    {
        SriovNodePlan plan = input.Plan();
        (ISriovSysfs sysfs, ISriovNetlink netlink) seams;
        try
        {
            seams = kernel(input.Root);
        }
        catch (DraglineException e)
        {
            error.WriteLine($"dragline policy apply: cannot reach the kernel: {e.Message}");
            return 1;
        }

        try
        {
            SriovApplyOptions effective = options ?? new SriovApplyOptions();
            if (effective.AltNames is null && input.LiveAltNames() is { } altNames)
            {
                effective = effective with { AltNames = altNames };
            }

            SriovApplyResult result = new SriovPlanApplier(seams.sysfs, seams.netlink, effective).Apply(plan);
            if (json)
            {
                output.WriteLine(ManifestWriter.Default.ToJson([result.State]));
            }
            else
            {
                Spectre.Console.IAnsiConsole console = OpenConsole(output);
                PolicyPlanRenderer.RenderPlan(console, plan, input.Root.Path);
                PolicyPlanRenderer.RenderApply(console, result);
            }

            if (!result.Succeeded)
            {
                error.WriteLine($"dragline policy apply: {result.State.Status?.LastSyncError}");
            }

            return result.Succeeded ? 0 : 1;
        }
        finally
        {
            (seams.netlink as IDisposable)?.Dispose();
        }
    }

    private static Spectre.Console.IAnsiConsole OpenConsole(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        int width = terminal ? Math.Max(System.Console.WindowWidth, 80) : ReadableWidth;
        return PolicyPlanRenderer.Console(output, terminal, width);
    }
}
