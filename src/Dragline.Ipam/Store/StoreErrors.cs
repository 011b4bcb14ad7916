using Dragline.Core;

namespace Dragline.Ipam.Store;

/// <summary>The exceptions and checks every store shares, with messages that name the object and what to do.</summary>
public static class StoreErrors
{
    public static DraglineException ObjectConflict(string kind, string @namespace, string name, long? expected, long? actual) =>
        new(DraglineErrorReason.Conflict,
            $"{Describe(kind, @namespace, name)} was changed by another writer (expected resource version {Text(expected)}, found {Text(actual)}); read it again and retry");

    public static DraglineException WatchCompacted(string kind, long afterRevision, long oldest) =>
        new(DraglineErrorReason.Conflict,
            $"cannot watch {kind} after revision {afterRevision}: the store only keeps changes from revision {oldest}; list again and watch from the list's revision");

    public static string Describe(string kind, string @namespace, string name) =>
        @namespace.Length == 0 ? $"{kind}/{name}" : $"{kind}/{@namespace}/{name}";

    private static string Text(long? version) => version switch
    {
        null => "any",
        0 => "none (must not exist)",
        _ => version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static void ValidateChanges(string pool, IReadOnlyList<AllocationChange> changes)
    {
        ArgumentException.ThrowIfNullOrEmpty(pool);
        ArgumentNullException.ThrowIfNull(changes);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (AllocationChange change in changes)
        {
            if (!seen.Add(change.Ip))
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue,
                    $"a commit to pool '{pool}' changes address {change.Ip} twice; send one change per address");
            }
        }
    }
}
