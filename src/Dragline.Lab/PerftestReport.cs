using System.Globalization;
using System.Text.RegularExpressions;

namespace Dragline.Lab;

/// <summary>
/// The result table of a perftest run (ib_read_lat, ib_write_bw, ...): the header line that starts
/// with <c>#bytes</c> names the columns (some names hold one space, e.g. <c>BW peak[MB/sec]</c>),
/// the next line holds the numbers.
/// </summary>
public sealed partial class PerftestReport
{
    private readonly Dictionary<string, double> _values;

    private PerftestReport(Dictionary<string, double> values) => _values = values;

    public IReadOnlyDictionary<string, double> Values => _values;

    public double this[string column] => _values.TryGetValue(column, out double value)
        ? value
        : throw new KeyNotFoundException($"perftest output has no column '{column}'; columns: {string.Join(", ", _values.Keys)}");

    public static PerftestReport Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string[] lines = output.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("#bytes", StringComparison.Ordinal))
            {
                continue;
            }

            string[] names = [.. ColumnName().Matches(lines[i]).Select(m => m.Value)];
            string? data = lines.Skip(i + 1).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && char.IsAsciiDigit(l[0]));
            if (data is null)
            {
                break;
            }

            string[] fields = data.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != names.Length)
            {
                throw new FormatException($"perftest result line has {fields.Length} fields for {names.Length} columns ({string.Join(", ", names)}): '{data}'");
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int c = 0; c < names.Length; c++)
            {
                values[names[c]] = double.Parse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            return new PerftestReport(values);
        }

        throw new FormatException("perftest output has no '#bytes' result table: the run did not complete");
    }

    [GeneratedRegex(@"#\w+|[^\s\[]+(?: [^\s\[]+)*\[[^\]]*\]")]
    private static partial Regex ColumnName();
}
