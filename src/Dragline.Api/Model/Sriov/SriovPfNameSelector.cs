using System.Globalization;

namespace Dragline.Api.Model.Sriov;

/// <summary>
/// One <c>nicSelector.pfNames</c> entry: a PF name, optionally with the operator's VF range <c>name#first-last</c>
/// (one decimal range, inclusive). Without a range the policy's VFs are <c>0..numVfs-1</c>.
/// </summary>
/// <param name="Name">The PF name (or one of its altNames).</param>
/// <param name="FirstVf">First VF index, or null when no range was written.</param>
/// <param name="LastVf">Last VF index, or null when no range was written.</param>
public readonly record struct SriovPfNameSelector(string Name, int? FirstVf, int? LastVf)
{
    /// <summary>
    /// Parses an entry as the operator's webhook does, with its messages. <paramref name="numVfs"/> bounds the range end.
    /// </summary>
    public static bool TryParse(string text, long numVfs, out SriovPfNameSelector selector, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        selector = default;
        if (!text.Contains('#', StringComparison.Ordinal))
        {
            selector = new SriovPfNameSelector(text, null, null);
            error = null;
            return true;
        }

        string[] fields = text.Split('#');
        if (fields.Length != 2)
        {
            error = $"failed to parse {text} PF name in nicSelector, probably incorrect separator character usage";
            return false;
        }

        string[] range = fields[1].Split('-');
        if (range.Length != 2)
        {
            error = $"failed to parse {text} PF name nicSelector, probably incorrect range character usage";
            return false;
        }

        if (!int.TryParse(range[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int first))
        {
            error = $"failed to parse {text} PF name nicSelector, start range is incorrect";
            return false;
        }

        if (!int.TryParse(range[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int last))
        {
            error = $"failed to parse {text} PF name nicSelector, end range is incorrect";
            return false;
        }

        if (last < first)
        {
            error = $"failed to parse {text} PF name nicSelector, end range shall not be smaller than start range";
            return false;
        }

        if (last >= numVfs)
        {
            error = $"failed to parse {text} PF name nicSelector, end range exceeds the maximum VF index ";
            return false;
        }

        selector = new SriovPfNameSelector(fields[0], first, last);
        error = null;
        return true;
    }

    /// <summary>The VF indexes this entry covers for a policy of <paramref name="numVfs"/> VFs.</summary>
    public (long First, long Last) VfRange(long numVfs) => FirstVf is int first && LastVf is int last ? (first, last) : (0, numVfs - 1);
}
