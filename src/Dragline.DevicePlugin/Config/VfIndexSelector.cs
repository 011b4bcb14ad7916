using System.Globalization;
using Dragline.Core;

namespace Dragline.DevicePlugin.Config;

/// <summary>
/// One <c>pfNames</c> or <c>rootDevices</c> entry: a PF (by netdev name or PCI address) and optionally
/// which of its VFs, written <c>PF#0,2-7,9</c> (comma-separated indices and inclusive ranges). Without
/// <c>#</c> every VF of the PF is meant.
/// </summary>
public sealed record VfIndexSelector
{
    /// <summary>The PF netdev name (compared case-insensitively) or PF PCI address, before any <c>#</c>.</summary>
    public required string PhysicalFunction { get; init; }

    /// <summary>The VF indices, or null for all of them.</summary>
    public IReadOnlySet<int>? Indices { get; init; }

    /// <summary>Whether VF <paramref name="index"/> is selected.</summary>
    public bool Includes(int index) => Indices is null || Indices.Contains(index);

    /// <summary>Parses <c>PF</c> or <c>PF#ranges</c>; <paramref name="key"/> names the list in error messages.</summary>
    public static VfIndexSelector Parse(string text, string key)
    {
        ArgumentNullException.ThrowIfNull(text);
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        string pf = (hash < 0 ? text : text[..hash]).Trim();
        if (pf.Length == 0)
        {
            throw Invalid(text, key, "the PF name or PCI address before '#' is empty");
        }

        if (hash < 0)
        {
            return new VfIndexSelector { PhysicalFunction = pf };
        }

        var indices = new SortedSet<int>();
        foreach (string part in text[(hash + 1)..].Split(','))
        {
            string item = part.Trim();
            int dash = item.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                indices.Add(ParseIndex(item, text, key));
                continue;
            }

            int first = ParseIndex(item[..dash], text, key);
            int last = ParseIndex(item[(dash + 1)..], text, key);
            if (last < first)
            {
                throw Invalid(text, key, $"the range '{item}' ends before it starts");
            }

            for (int i = first; i <= last; i++)
            {
                indices.Add(i);
            }
        }

        return new VfIndexSelector { PhysicalFunction = pf, Indices = indices };
    }

    public override string ToString() =>
        Indices is null ? PhysicalFunction : PhysicalFunction + "#" + string.Join(',', Indices);

    private static int ParseIndex(string item, string text, string key)
    {
        // A VF index is at most the PF's totalvfs, and no NIC has more than a few thousand.
        if (!int.TryParse(item.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index > 65535)
        {
            throw Invalid(text, key, $"'{item}' is not a VF index (a whole number from 0)");
        }

        return index;
    }

    private static DevicePluginException Invalid(string text, string key, string why) =>
        new(DraglineErrorReason.InvalidValue,
            $"{key} entry '{text}' is not valid: {why}; write PF, PF#N, PF#A-B or a comma-separated list like ens1f0#0,2-7");
}
