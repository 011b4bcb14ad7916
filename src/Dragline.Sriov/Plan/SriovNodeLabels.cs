using System.Runtime.InteropServices;
using Dragline.Core;

namespace Dragline.Sriov.Plan;

/// <summary>Node labels to match policy nodeSelectors against when there is no Kubernetes node object.</summary>
public static class SriovNodeLabels
{
    /// <summary>The well-known labels the kubelet sets on every node: <c>kubernetes.io/os</c>, <c>kubernetes.io/arch</c>, <c>kubernetes.io/hostname</c>.</summary>
    public static IReadOnlyDictionary<string, string> Default(string nodeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        string arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            var other => other.ToString().ToLowerInvariant(),
        };
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = arch,
            ["kubernetes.io/hostname"] = nodeName.ToLowerInvariant(),
        };
    }

    /// <summary>Parses <c>key=value,key2=value2</c> (an empty value is allowed: <c>node-role.kubernetes.io/worker=</c>).</summary>
    /// <exception cref="DraglineException">An entry is not KEY=VALUE or has an empty key.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = entry.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new DraglineException(
                    DraglineErrorReason.InvalidValue,
                    $"'{entry}' in the node labels is not KEY=VALUE: write them like kubernetes.io/os=linux,node-role.kubernetes.io/worker= (an empty value is allowed).");
            }

            labels[entry[..eq]] = entry[(eq + 1)..];
        }

        return labels;
    }
}
