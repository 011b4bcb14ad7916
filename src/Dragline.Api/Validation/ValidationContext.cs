using Dragline.Api.Model;

namespace Dragline.Api.Validation;

/// <summary>
/// What a webhook would see besides the object itself: cluster settings and the objects that already exist
/// (for overlap and in-use checks). Offline, "existing" is the objects read before the current one; a
/// controller fills it from its store.
/// </summary>
public sealed class ValidationContext
{
    private readonly Dictionary<(string Kind, string Namespace, string Name), KubeObject> _objects = [];
    private readonly List<KubeObject> _order = [];

    public ValidationContext(ValidationSettings? settings = null, IEnumerable<KubeObject>? existing = null)
    {
        Settings = settings ?? ValidationSettings.Default;
        foreach (KubeObject obj in existing ?? [])
        {
            Add(obj);
        }
    }

    public ValidationSettings Settings { get; }

    /// <summary>Every existing object, in the order added.</summary>
    public IReadOnlyList<KubeObject> Existing => _order;

    /// <summary>Adds or replaces (same kind, namespace and name) an existing object.</summary>
    public void Add(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        (string, string, string) key = KeyOf(obj);
        if (_objects.TryGetValue(key, out KubeObject? previous))
        {
            _order.Remove(previous);
        }

        _objects[key] = obj;
        _order.Add(obj);
    }

    /// <summary>Existing objects of a model class.</summary>
    public IEnumerable<T> OfType<T>()
        where T : KubeObject => _order.OfType<T>();

    /// <summary>The existing object with the same kind, namespace and name as <paramref name="obj"/>, if any.</summary>
    public KubeObject? FindSame(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return _objects.TryGetValue(KeyOf(obj), out KubeObject? found) ? found : null;
    }

    /// <summary>The existing object of <paramref name="kind"/> named <paramref name="name"/> (namespace empty for cluster-scoped kinds).</summary>
    public KubeObject? Find(string kind, string? ns, string name) =>
        _objects.TryGetValue((kind, ns ?? "", name), out KubeObject? found) ? found : null;

    private static (string, string, string) KeyOf(KubeObject obj) => (obj.Kind, obj.Metadata.Namespace ?? "", obj.Metadata.Name ?? "");
}
