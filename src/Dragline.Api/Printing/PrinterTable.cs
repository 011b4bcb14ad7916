using System.Text;

namespace Dragline.Api.Printing;

/// <summary>A kubectl-style table: headers and rows of cells.</summary>
public sealed record PrinterTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The table as kubectl prints it: columns left-aligned, separated by at least three spaces, no trailing spaces.</summary>
    public string Format()
    {
        var widths = new int[Headers.Count];
        for (int c = 0; c < Headers.Count; c++)
        {
            widths[c] = Math.Max(Headers[c].Length, Rows.Count == 0 ? 0 : Rows.Max(r => r[c].Length));
        }

        var text = new StringBuilder();
        AppendLine(text, Headers, widths);
        foreach (IReadOnlyList<string> row in Rows)
        {
            AppendLine(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Count; c++)
        {
            line.Append(cells[c]);
            if (c < cells.Count - 1)
            {
                line.Append(' ', widths[c] - cells[c].Length + 3);
            }
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
