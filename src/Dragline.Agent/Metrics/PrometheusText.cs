using System.Globalization;
using System.Text;

namespace Dragline.Agent.Metrics;

/// <summary>Formatting rules of the Prometheus text exposition format 0.0.4.</summary>
public static class PrometheusText
{
    /// <summary>The content type of a scrape reply.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>A sample value: Go's shortest round-trip form, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A label value with <c>\</c>, <c>"</c> and newline escaped.</summary>
    public static string LabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            _ = c switch
            {
                '\\' => text.Append("\\\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append("\\n"),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    /// <summary>Appends the HELP and TYPE lines of a metric family.</summary>
    public static void Header(StringBuilder text, string name, string type, string help)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }
}
