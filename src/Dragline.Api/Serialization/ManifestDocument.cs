using System.Text.Json.Nodes;
using Dragline.Api.Model;

namespace Dragline.Api.Serialization;

/// <summary>One object read from a manifest: the typed model (or <see cref="UnstructuredObject"/>), where it came from, and what did not fit the model.</summary>
public sealed class ManifestDocument
{
    private readonly IReadOnlyDictionary<string, int> _lines;
    private readonly string _linePrefix;

    internal ManifestDocument(
        KubeObject obj,
        JsonObject json,
        ManifestSource source,
        IReadOnlyList<UnknownField> unknownFields,
        ManifestDecodeError? decodeError,
        IReadOnlyDictionary<string, int> lines,
        string linePrefix)
    {
        Object = obj;
        Json = json;
        Source = source;
        UnknownFields = unknownFields;
        DecodeError = decodeError;
        _lines = lines;
        _linePrefix = linePrefix;
    }

    /// <summary>The typed object for a registered kind; an <see cref="UnstructuredObject"/> for any other kind or when <see cref="DecodeError"/> is set.</summary>
    public KubeObject Object { get; }

    /// <summary>The object as read, before typing (numbers, bools and nulls already resolved from YAML).</summary>
    public JsonObject Json { get; }

    /// <summary>File, document index and line.</summary>
    public ManifestSource Source { get; }

    /// <summary>Fields the model does not know (empty for unstructured objects and for <c>metadata</c>).</summary>
    public IReadOnlyList<UnknownField> UnknownFields { get; }

    /// <summary>Set when a known kind could not be typed (wrong JSON type of a field, missing apiVersion/kind).</summary>
    public ManifestDecodeError? DecodeError { get; }

    /// <summary>True when <see cref="Object"/> is a typed model of a registered kind.</summary>
    public bool IsTyped => Object is not UnstructuredObject;

    /// <summary>The 1-based line of the field at <paramref name="path"/> (<c>spec.ips[1]</c>), or null when not known (JSON input).</summary>
    public int? LineOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string key = _linePrefix.Length == 0 ? path : path.Length == 0 ? _linePrefix : $"{_linePrefix}.{path}";
        return _lines.TryGetValue(key, out int line) ? line : null;
    }
}
