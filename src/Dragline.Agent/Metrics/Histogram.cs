using System.Globalization;
using System.Text;

namespace Dragline.Agent.Metrics;

/// <summary>A Prometheus histogram with fixed upper bounds (cumulative buckets, sum and count).</summary>
public sealed class Histogram
{
    private readonly Lock _gate = new();
    private readonly double[] _bounds;
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    public Histogram(string name, string help, IReadOnlyList<double> upperBounds)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(upperBounds);
        Name = name;
        Help = help;
        _bounds = [.. upperBounds.Order()];
        _counts = new long[_bounds.Length];
    }

    public string Name { get; }

    public string Help { get; }

    /// <summary>Observations so far.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Observe(double value)
    {
        lock (_gate)
        {
            for (int i = 0; i < _bounds.Length; i++)
            {
                if (value <= _bounds[i])
                {
                    _counts[i]++;
                }
            }

            _sum += value;
            _count++;
        }
    }

    /// <summary>Appends the histogram in the text exposition format (version 0.0.4).</summary>
    public void WriteTo(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            text.Append("# HELP ").Append(Name).Append(' ').Append(Help).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(" histogram\n");
            for (int i = 0; i < _bounds.Length; i++)
            {
                text.Append(Name).Append("_bucket{le=\"").Append(PrometheusText.Number(_bounds[i])).Append("\"} ")
                    .Append(_counts[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            text.Append(Name).Append("_bucket{le=\"+Inf\"} ").Append(_count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append(Name).Append("_sum ").Append(PrometheusText.Number(_sum)).Append('\n');
            text.Append(Name).Append("_count ").Append(_count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
