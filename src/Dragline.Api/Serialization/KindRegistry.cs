using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Dragline.Api.Model;

namespace Dragline.Api.Serialization;

/// <summary>
/// The table of (apiVersion, kind) → model contract the codec dispatches on. <see cref="Default"/> holds every
/// kind Dragline.Api models (see <see cref="ApiKinds"/>); tests and tools may build their own.
/// </summary>
public sealed class KindRegistry
{
    private static readonly Lazy<KindRegistry> DefaultRegistry = new(() =>
    {
        var registry = new KindRegistry();
        ApiKinds.RegisterAll(registry);
        return registry;
    });

    private readonly Dictionary<(string ApiVersion, string Kind), KindInfo> _byKind = [];
    private readonly Dictionary<Type, KindInfo> _byType = [];
    private readonly List<IJsonTypeInfoResolver> _resolvers = [];
    private JsonSerializerOptions? _options;

    /// <summary>Every kind Dragline.Api knows.</summary>
    public static KindRegistry Default => DefaultRegistry.Value;

    /// <summary>The registered kinds, in registration order.</summary>
    public IReadOnlyCollection<KindInfo> Kinds => _byKind.Values;

    /// <summary>
    /// Options whose resolver combines every registered kind's source-generated context
    /// (<c>JsonTypeInfoResolver.Combine</c>), for callers that serialize nested model types.
    /// </summary>
    public JsonSerializerOptions SerializerOptions => _options ??= new JsonSerializerOptions
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine([.. _resolvers]),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Adds a kind. A second registration of the same (apiVersion, kind) is an error.</summary>
    public void Register(KindInfo kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!typeof(KubeObject).IsAssignableFrom(kind.ClrType))
        {
            throw new ArgumentException($"{kind.ClrType.Name} does not derive from KubeObject", nameof(kind));
        }

        if (!_byKind.TryAdd((kind.ApiVersion, kind.Kind), kind))
        {
            throw new InvalidOperationException($"{kind.ApiVersion} {kind.Kind} is registered twice");
        }

        _byType[kind.ClrType] = kind;
        IJsonTypeInfoResolver? resolver = kind.TypeInfo.Options.TypeInfoResolver;
        if (resolver is not null && !_resolvers.Contains(resolver))
        {
            _resolvers.Add(resolver);
            _options = null;
        }
    }

    /// <summary>Adds a kind; shorthand for <see cref="Register(KindInfo)"/>.</summary>
    public void Register<T>(string apiVersion, string kind, JsonTypeInfo<T> typeInfo, bool namespaced, string? shortName = null)
        where T : KubeObject
        => Register(new KindInfo(apiVersion, kind, typeInfo, namespaced, shortName));

    /// <summary>The kind registered for (apiVersion, kind), or null.</summary>
    public KindInfo? Find(string apiVersion, string kind) =>
        _byKind.TryGetValue((apiVersion, kind), out KindInfo? info) ? info : null;

    /// <summary>The kind whose model class is <paramref name="type"/>, or null.</summary>
    public KindInfo? Find(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _byType.TryGetValue(type, out KindInfo? info) ? info : null;
    }
}
