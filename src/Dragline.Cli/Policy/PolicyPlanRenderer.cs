using System.Globalization;
using Dragline.Sriov.Apply;
using Dragline.Sriov.Plan;
using Spectre.Console;

namespace Dragline.Cli.Policy;

/// <summary>Writes a plan (and an apply result) as tables for people.</summary>
public static class PolicyPlanRenderer
{
    public static IAnsiConsole Console(TextWriter output, bool colour, int width)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    public static void RenderPlan(IAnsiConsole console, SriovNodePlan plan, string root)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);
        string labels = string.Join(",", plan.NodeLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        console.MarkupLine($"[bold]dragline policy plan[/] — root {Markup.Escape(root)}, node {Markup.Escape(plan.NodeName ?? "-")} ({Markup.Escape(labels)})");
        console.WriteLine();

        if (plan.PhysicalFunctions.Count > 0)
        {
            var pfs = new Table().Border(TableBorder.Rounded).Title("[bold]Physical functions[/]");
            pfs.AddColumn("PF");
            pfs.AddColumn("PCI");
            pfs.AddColumn("device");
            pfs.AddColumn("link");
            pfs.AddColumn(new TableColumn("VFs now → planned (max)"));
            pfs.AddColumn("MTU");
            pfs.AddColumn("VF groups");
            pfs.AddColumn("policies");
            foreach (SriovPfPlan pf in plan.PhysicalFunctions)
            {
                string vfs = string.Create(CultureInfo.InvariantCulture, $"{pf.CurrentNumVfs} → {pf.NumVfs} ({pf.TotalVfs})") + (pf.ExternallyManaged ? "\nexternally managed" : "");
                string mtu = pf.Mtu is int m && m > pf.CurrentMtu ? string.Create(CultureInfo.InvariantCulture, $"{pf.CurrentMtu} → {m}") : pf.CurrentMtu.ToString(CultureInfo.InvariantCulture);
                string groups = string.Join("\n", pf.VfGroups.Select(g => $"{g.FirstVf}-{g.LastVf} {g.ResourceName} ({g.DeviceType}{(g.IsRdma ? ", RDMA" : "")})"));
                pfs.AddRow(
                    Markup.Escape(pf.Name),
                    Markup.Escape(pf.PciAddress.ToString()),
                    Markup.Escape($"{pf.Vendor}:{pf.DeviceId} {pf.Driver ?? "-"}"),
                    Markup.Escape(pf.LinkType),
                    Markup.Escape(vfs),
                    Markup.Escape(mtu),
                    Markup.Escape(groups),
                    Markup.Escape(string.Join("\n", pf.MatchedPolicies)));
            }

            console.Write(pfs);
            console.WriteLine();

            var resources = new Table().Border(TableBorder.Rounded).Title("[bold]Resources[/] (what the device plugin advertises)");
            resources.AddColumn("resource");
            resources.AddColumn("VFs");
            resources.AddColumn("from");
            resources.AddColumn("type");
            resources.AddColumn("RDMA");
            resources.AddColumn("link");
            foreach (SriovResourcePlan r in plan.Resources)
            {
                resources.AddRow(
                    Markup.Escape(r.ResourceName),
                    r.VfCount.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(string.Join("\n", r.VfRanges.Select(v => v.ToString()))),
                    Markup.Escape(r.DeviceType),
                    r.IsRdma ? "yes" : "no",
                    Markup.Escape(r.LinkType));
            }

            console.Write(resources);
            console.WriteLine();
        }

        var policies = new Table().Border(TableBorder.Rounded).Title("[bold]Policies[/] (in the order applied)");
        policies.AddColumn("policy");
        policies.AddColumn("priority");
        policies.AddColumn("outcome");
        foreach (SriovPolicyOutcome p in plan.Policies)
        {
            string outcome = p.SkippedBecause is { } why
                ? $"[yellow]not used[/]: {Markup.Escape(why)}"
                : p.MatchedPfs.Count == 0 ? "[yellow]selects no PF on this node[/]" : $"selects {Markup.Escape(string.Join(", ", p.MatchedPfs))}";
            policies.AddRow(Markup.Escape(p.Name), p.Priority.ToString(CultureInfo.InvariantCulture), outcome);
        }

        console.Write(policies);
        foreach (SriovPlanProblem problem in plan.Problems)
        {
            string colour = problem.Severity == SriovPlanSeverity.Error ? "red" : "yellow";
            console.MarkupLine($"[{colour}]{Markup.Escape(problem.ToString())}[/]");
        }

        console.WriteLine();
        int errors = plan.Problems.Count(p => p.Severity == SriovPlanSeverity.Error);
        if (errors > 0)
        {
            console.MarkupLine($"[red bold]{errors} error(s)[/]: fix the policies; apply refuses this plan");
        }
        else if (plan.PhysicalFunctions.Count == 0)
        {
            console.MarkupLine("[yellow]No PF on this node gets VFs.[/]");
        }
        else
        {
            int vfs = plan.PhysicalFunctions.Sum(p => p.NumVfs);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{plan.PhysicalFunctions.Count} PF(s) get {vfs} VF(s) feeding {plan.Resources.Count} resource(s)"));
        }
    }

    public static void RenderApply(IAnsiConsole console, SriovApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        console.WriteLine();
        if (result.Actions.Count == 0)
        {
            console.MarkupLine("Nothing to change: the host already matches the plan.");
        }
        else
        {
            var actions = new Table().Border(TableBorder.Rounded).Title("[bold]Changes made[/]");
            actions.AddColumn("PF");
            actions.AddColumn("step");
            actions.AddColumn("what");
            foreach (SriovApplyAction a in result.Actions)
            {
                actions.AddRow(Markup.Escape(a.Pf), Markup.Escape(a.Step), Markup.Escape(a.Detail));
            }

            console.Write(actions);
        }

        console.MarkupLine(result.Succeeded
            ? "syncStatus: [green]Succeeded[/]"
            : $"syncStatus: [red bold]Failed[/]\nlastSyncError: {Markup.Escape(result.State.Status?.LastSyncError ?? "")}");
    }
}
