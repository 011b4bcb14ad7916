using Spectre.Console;

namespace Dragline.Cli.Doctor;

/// <summary>Writes a <see cref="DoctorReport"/> as tables for people (the default output of <c>dragline doctor</c>).</summary>
public static class DoctorTableRenderer
{
    /// <summary>Renders to <paramref name="output"/>; colour only when <paramref name="colour"/> is set (a terminal).</summary>
    public static void Render(DoctorReport report, TextWriter output, bool colour, int width)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;

        console.MarkupLine($"[bold]dragline doctor[/] — root {Markup.Escape(report.Root)}");
        console.WriteLine();

        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn(new TableColumn("[bold]Status[/]").NoWrap());
        table.AddColumn(new TableColumn("[bold]Check[/]"));
        table.AddColumn(new TableColumn("[bold]Finding, evidence and fix[/]"));
        foreach (DoctorFinding finding in report.Findings)
        {
            string check = Markup.Escape(finding.Title) + (finding.Subject is null ? "" : "\n[dim]" + Markup.Escape(finding.Subject) + "[/]");
            var lines = new List<string> { Markup.Escape(finding.Summary) };
            lines.AddRange(finding.Evidence.Select(e => $"[dim]• {Markup.Escape(e.Value)}  ({Markup.Escape(e.Source)})[/]"));
            lines.AddRange(finding.Fix.Select(f => f.StartsWith('#')
                ? $"[yellow]{Markup.Escape(f)}[/]"
                : $"[yellow]$ {Markup.Escape(f)}[/]"));
            table.AddRow(new Markup(StatusMarkup(finding.Status)), new Markup(check), new Markup(string.Join('\n', lines)));
        }

        console.Write(table);

        if (report.Affinity.Count > 0)
        {
            console.WriteLine();
            var affinity = new Table().Border(TableBorder.Rounded).Title("[bold]NIC–GPU affinity[/] (nearest RDMA NIC of each GPU)");
            affinity.AddColumn("GPU");
            affinity.AddColumn("NUMA");
            affinity.AddColumn("NIC");
            affinity.AddColumn("netdev");
            affinity.AddColumn("RDMA");
            affinity.AddColumn("NIC NUMA");
            affinity.AddColumn("path");
            foreach (DoctorAffinityRow row in report.Affinity)
            {
                foreach (DoctorAffinityNic nic in row.Nics)
                {
                    affinity.AddRow(
                        Markup.Escape(row.Gpu),
                        row.GpuNumaNode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Markup.Escape(nic.Address),
                        Markup.Escape(nic.NetDevice ?? "-"),
                        Markup.Escape(nic.RdmaDevice ?? "-"),
                        nic.NumaNode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Markup.Escape($"{row.Topology} ({row.Relation})"));
                }
            }

            console.Write(affinity);
        }

        console.WriteLine();
        DoctorCounts c = report.Counts;
        console.MarkupLine($"{StatusMarkup(report.Status)} {Markup.Escape(report.Headline)}");
        console.MarkupLine($"[dim]{c.Pass} passed, {c.Warn} {(c.Warn == 1 ? "warning" : "warnings")}, {c.Fail} failed, {c.Skip} skipped[/]");
    }

    private static string StatusMarkup(DoctorStatus status) => status switch
    {
        DoctorStatus.Pass => "[green]PASS[/]",
        DoctorStatus.Warn => "[yellow]WARN[/]",
        DoctorStatus.Fail => "[red bold]FAIL[/]",
        _ => "[dim]SKIP[/]",
    };
}
