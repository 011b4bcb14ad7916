using Dragline.Api.Serialization;
using Dragline.Core;

namespace Dragline.Ipam.Objects;

/// <summary>
/// The kinds <c>dragline apply/get/delete</c> store, and kubectl-style name resolution: the kind, its
/// plural, its short names, the group-qualified plural, and the Spider kinds without their prefix
/// (<c>SpiderIPPool</c>, <c>spiderippool</c>, <c>spiderippools</c>, <c>sp</c>, <c>ippool</c>, <c>ippools</c>).
/// </summary>
public static class ObjectKinds
{
    public static readonly ObjectKind Namespace = new("v1", "Namespace", false, "namespaces", ["ns"]);

    public static readonly ObjectKind Pod = new("v1", "Pod", true, "pods", ["po"]);

    public static readonly ObjectKind Node = new("v1", "Node", false, "nodes", ["no"]);

    private static readonly Lazy<IReadOnlyList<ObjectKind>> AllKinds = new(Build);

    /// <summary>Every stored kind: the kinds Dragline.Api models, then Namespace, Pod and Node.</summary>
    public static IReadOnlyList<ObjectKind> All => AllKinds.Value;

    /// <summary>The kind named <paramref name="name"/> (case-insensitive), or an error listing what is accepted.</summary>
    public static ObjectKind Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string wanted = name.Trim().ToLowerInvariant();
        foreach (ObjectKind kind in All)
        {
            if (Names(kind).Contains(wanted))
            {
                return kind;
            }
        }

        throw new DraglineException(DraglineErrorReason.InvalidValue,
            $"the server doesn't have a resource type \"{name}\"; known types: {string.Join(", ", All.Select(k => k.Plural))}");
    }

    /// <summary>The stored kind of a manifest's (apiVersion, kind), or null when Dragline does not store it.</summary>
    public static ObjectKind? Find(string apiVersion, string kind) =>
        All.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind);

    private static HashSet<string> Names(ObjectKind kind)
    {
        string lower = kind.Kind.ToLowerInvariant();
        var names = new HashSet<string>(StringComparer.Ordinal) { lower, kind.Plural };
        foreach (string shortName in kind.ShortNames)
        {
            names.Add(shortName);
        }

        if (kind.Group.Length > 0)
        {
            names.Add($"{kind.Plural}.{kind.Group}");
            names.Add($"{lower}.{kind.Group}");
        }

        if (lower.StartsWith("spider", StringComparison.Ordinal) && lower.Length > "spider".Length)
        {
            string bare = lower["spider".Length..];
            names.Add(bare);
            names.Add(kind.Plural["spider".Length..]);
        }

        return names;
    }

    private static List<ObjectKind> Build()
    {
        var kinds = new List<ObjectKind>();
        foreach (KindInfo info in KindRegistry.Default.Kinds)
        {
            string lower = info.Kind.ToLowerInvariant();
            string plural = lower.EndsWith('y') ? lower[..^1] + "ies" : lower + "s";
            kinds.Add(new ObjectKind(info.ApiVersion, info.Kind, info.Namespaced, plural, info.ShortName is null ? [] : [info.ShortName]));
        }

        kinds.Add(Namespace);
        kinds.Add(Pod);
        kinds.Add(Node);
        return kinds;
    }
}
