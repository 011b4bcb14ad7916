namespace Dragline.Linux.Discovery;

/// <summary>A kernel build configuration (<c>CONFIG_*</c> lines) and the file it came from.</summary>
public sealed class KernelConfig
{
    private readonly Dictionary<string, string> _values;

    public KernelConfig(string source, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Source = source;
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
    }

    /// <summary>Where the configuration was read, like <c>/proc/config.gz</c>.</summary>
    public string Source { get; }

    /// <summary>The value of an option (<c>y</c>, <c>m</c>, a number or string), or null when it is not set.</summary>
    public string? this[string option] => _values.TryGetValue(option, out string? value) ? value : null;

    /// <summary>Whether an option is built in or a module.</summary>
    public bool IsEnabled(string option) => this[option] is "y" or "m";

    /// <summary>Reads the text of a <c>.config</c>: <c>CONFIG_X=value</c> lines; <c># CONFIG_X is not set</c> and comments are skipped.</summary>
    public static KernelConfig Parse(string source, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[line[..eq]] = line[(eq + 1)..].Trim('"');
            }
        }

        return new KernelConfig(source, values);
    }
}
