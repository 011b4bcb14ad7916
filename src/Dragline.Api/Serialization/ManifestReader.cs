using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Dragline.Api.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dragline.Api.Serialization;

/// <summary>
/// Reads manifests as kubectl does: a stream of YAML documents separated by <c>---</c>, a single JSON
/// document, or a <c>kind: List</c> whose <c>items</c> are objects. YAML is parsed with the representation
/// model (no reflection) and resolved by the YAML 1.2 core schema into JSON, then each object is typed
/// through the <see cref="KindRegistry"/>. Unknown kinds become <see cref="UnstructuredObject"/>s.
/// </summary>
public sealed class ManifestReader
{
    // ObjectMeta fields the API server sets that Dragline does not model; anything else unknown in metadata is a typo.
    private static readonly HashSet<string> ServerSetMetadataFields = ["selfLink", "deletionGracePeriodSeconds", "managedFields"];

    /// <summary>
    /// The largest manifest read, in bytes (8 MiB). Far above any real set of pools and networks, and it
    /// keeps a mistaken or hostile input from exhausting the memory of the process reading it.
    /// </summary>
    public const int MaxInputBytes = 8 * 1024 * 1024;

    private readonly KindRegistry _registry;

    public ManifestReader(KindRegistry? registry = null)
    {
        _registry = registry ?? KindRegistry.Default;
    }

    /// <summary>The alias-expansion budget of one stream, in nodes; tests lower it to exercise the budget cheaply.</summary>
    internal long MaxExpandedNodes { get; init; } = YamlToJsonConverter.MaxExpandedNodes;

    /// <summary>A reader over <see cref="KindRegistry.Default"/>.</summary>
    public static ManifestReader Default { get; } = new();

    /// <summary>Reads a file. The source name in results and errors is <paramref name="path"/>.</summary>
    /// <exception cref="ManifestSyntaxException">The file is not valid YAML/JSON, or a document is not an object.</exception>
    /// <exception cref="ManifestSyntaxException">The file is larger than <see cref="MaxInputBytes"/>.</exception>
    public IReadOnlyList<ManifestDocument> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        if (stream.CanSeek && stream.Length > MaxInputBytes)
        {
            throw TooLarge(path, stream.Length);
        }

        return ReadStream(stream, path);
    }

    /// <summary>Reads a stream to its end (UTF-8), or fails as soon as it passes <see cref="MaxInputBytes"/>.</summary>
    /// <exception cref="ManifestSyntaxException">The text is not valid YAML/JSON, or a document is not an object.</exception>
    /// <exception cref="ManifestSyntaxException">The stream is larger than <see cref="MaxInputBytes"/>.</exception>
    public IReadOnlyList<ManifestDocument> ReadStream(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);

        // Read bytes, not text, so a pipe that never ends costs at most the limit.
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxInputBytes)
            {
                throw TooLarge(sourceName, bytes: null);
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ReadString(reader.ReadToEnd(), sourceName);
    }

    /// <summary>Reads a text reader (standard input) to its end, or fails once it passes <see cref="MaxInputBytes"/> characters.</summary>
    /// <exception cref="ManifestSyntaxException">The text is not valid YAML/JSON, a document is not an object, or the text is too large.</exception>
    public IReadOnlyList<ManifestDocument> ReadText(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);

        // Every character is at least one UTF-8 byte, so more characters than the byte limit is too large;
        // ReadString then checks the exact byte count of what fits.
        var text = new StringBuilder();
        char[] chunk = new char[16384];
        int read;
        while ((read = reader.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (text.Length + read > MaxInputBytes)
            {
                throw TooLarge(sourceName, bytes: null);
            }

            text.Append(chunk, 0, read);
        }

        return ReadString(text.ToString(), sourceName);
    }

    /// <summary>Reads manifest text.</summary>
    /// <exception cref="ManifestSyntaxException">The text is not valid YAML/JSON, or a document is not an object.</exception>
    /// <exception cref="ManifestSyntaxException">The text is larger than <see cref="MaxInputBytes"/> in UTF-8, or its YAML aliases expand too far.</exception>
    public IReadOnlyList<ManifestDocument> ReadString(string text, string sourceName = "<string>")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (text.Length > MaxInputBytes / 3 && Encoding.UTF8.GetByteCount(text) is int bytes && bytes > MaxInputBytes)
        {
            throw TooLarge(sourceName, bytes);
        }

        var result = new List<ManifestDocument>();
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{'))
        {
            ReadJson(text, sourceName, result);
            return result;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ManifestSyntaxException(sourceName, (int)ex.Start.Line, (int)ex.Start.Column, SyntaxDetail(ex), ex);
        }

        var converter = new YamlToJsonConverter(sourceName, MaxExpandedNodes);
        for (int index = 0; index < stream.Documents.Count; index++)
        {
            YamlNode root = stream.Documents[index].RootNode;
            if (root is YamlScalarNode { Style: ScalarStyle.Plain } empty && YamlScalarResolver.ResolvePlain(empty.Value ?? "") is null)
            {
                continue; // an empty document ("---" at the end, or comments only)
            }

            JsonNode? json = converter.Convert(root);
            if (json is not JsonObject obj)
            {
                throw new ManifestSyntaxException(sourceName, (int)root.Start.Line, (int)root.Start.Column,
                    $"document {index} is a {Describe(json)}, not an object with apiVersion and kind");
            }

            AddObject(obj, sourceName, index, (int)root.Start.Line, converter.Lines, result);
        }

        return result;
    }

    /// <param name="sourceName">The file name, or - for standard input.</param>
    /// <param name="bytes">The whole size when known; null when reading stopped at the limit.</param>
    private static ManifestSyntaxException TooLarge(string sourceName, long? bytes) =>
        new(sourceName, 1, 1, $"the manifest is {(bytes is long b ? $"{b:N0} bytes, " : "")}over the limit of 8 MiB ({MaxInputBytes:N0} bytes) "
            + "for one manifest; split it into several files (-f also takes a directory)");

    private void ReadJson(string text, string sourceName, List<ManifestDocument> result)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ManifestSyntaxException(sourceName, (int)(ex.LineNumber ?? 0) + 1, (int)(ex.BytePositionInLine ?? 0) + 1, ex.Message, ex);
        }

        if (json is not JsonObject obj)
        {
            throw new ManifestSyntaxException(sourceName, 1, 1, $"the JSON document is a {Describe(json)}, not an object with apiVersion and kind");
        }

        AddObject(obj, sourceName, 0, 1, new Dictionary<string, int>(), result);
    }

    private void AddObject(JsonObject obj, string sourceName, int documentIndex, int line, IReadOnlyDictionary<string, int> lines, List<ManifestDocument> result)
    {
        if (IsList(obj))
        {
            JsonArray items = obj["items"] as JsonArray ?? [];
            for (int i = 0; i < items.Count; i++)
            {
                string prefix = $"items[{i}]";
                int itemLine = lines.TryGetValue(prefix, out int l) ? l : line;
                if (items[i] is not JsonObject item)
                {
                    throw new ManifestSyntaxException(sourceName, itemLine, 1, $"item {i} of the List is a {Describe(items[i])}, not an object");
                }

                result.Add(Decode(item, new ManifestSource(sourceName, documentIndex, itemLine, i), lines, prefix));
            }

            return;
        }

        result.Add(Decode(obj, new ManifestSource(sourceName, documentIndex, line), lines, ""));
    }

    private static bool IsList(JsonObject obj) =>
        obj["kind"] is JsonValue kind && kind.TryGetValue(out string? k) && k.EndsWith("List", StringComparison.Ordinal)
        && obj["items"] is JsonArray or null && obj.ContainsKey("items");

    private ManifestDocument Decode(JsonObject obj, ManifestSource source, IReadOnlyDictionary<string, int> lines, string prefix)
    {
        string apiVersion = StringField(obj, "apiVersion");
        string kind = StringField(obj, "kind");
        int? LineOf(string path)
        {
            string key = prefix.Length == 0 ? path : $"{prefix}.{path}";
            return lines.TryGetValue(key, out int line) ? line : null;
        }

        if (apiVersion.Length == 0 || kind.Length == 0)
        {
            string missing = apiVersion.Length == 0 ? "apiVersion" : "kind";
            return new ManifestDocument(Unstructured(obj), obj, source, [],
                new ManifestDecodeError(missing, $"'{missing}' is missing: every object needs apiVersion and kind", source.Line), lines, prefix);
        }

        KindInfo? info = _registry.Find(apiVersion, kind);
        if (info is null)
        {
            return new ManifestDocument(Unstructured(obj), obj, source, [], null, lines, prefix);
        }

        KubeObject typed;
        try
        {
            typed = (KubeObject)(obj.Deserialize(info.TypeInfo)
                ?? throw new JsonException("the object is null"));
        }
        catch (JsonException ex)
        {
            string path = JsonPathToFieldPath(ex.Path);
            return new ManifestDocument(Unstructured(obj), obj, source, [],
                new ManifestDecodeError(path, DecodeMessage(obj, path, ex), LineOf(path) ?? source.Line), lines, prefix);
        }

        var unknown = new List<UnknownField>();
        FindUnknownFields(typed, info.TypeInfo, "", unknown, LineOf, depth: 0);
        return new ManifestDocument(typed, obj, source, unknown, null, lines, prefix);
    }

    private static UnstructuredObject Unstructured(JsonObject obj)
    {
        var result = new UnstructuredObject(obj)
        {
            ApiVersion = StringField(obj, "apiVersion"),
            Kind = StringField(obj, "kind"),
        };
        if (obj["metadata"] is JsonObject metadata)
        {
            try
            {
                result.Metadata = metadata.Deserialize(ApiJsonContext.Default.ObjectMeta) ?? new ObjectMeta();
            }
            catch (JsonException)
            {
                // Unstructured objects are only named in messages; a malformed metadata leaves the name empty.
            }
        }

        return result;
    }

    private static string StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue(out string? text) ? text : "";

    /// <summary>Walks the typed object through its JSON contract (no reflection) and lists every captured extension field.</summary>
    private static void FindUnknownFields(object value, JsonTypeInfo info, string path, List<UnknownField> found, Func<string, int?> lineOf, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (JsonPropertyInfo property in info.Properties)
                {
                    if (property.Get is null)
                    {
                        continue;
                    }

                    object? child = property.Get(value);
                    if (child is null)
                    {
                        continue;
                    }

                    if (property.IsExtensionData)
                    {
                        if (child is IDictionary extension)
                        {
                            foreach (object? key in extension.Keys)
                            {
                                if (info.Type == typeof(ObjectMeta) && key is string metaKey && ServerSetMetadataFields.Contains(metaKey))
                                {
                                    continue;
                                }

                                string fieldPath = Join(path, key?.ToString() ?? "");
                                found.Add(new UnknownField(fieldPath, lineOf(fieldPath)));
                            }
                        }

                        continue;
                    }

                    if (info.Options.TryGetTypeInfo(property.PropertyType, out JsonTypeInfo? childInfo))
                    {
                        FindUnknownFields(child, childInfo, Join(path, property.Name), found, lineOf, depth + 1);
                    }
                }

                break;

            case JsonTypeInfoKind.Enumerable when value is IEnumerable items && info.ElementType is not null:
                if (info.Options.TryGetTypeInfo(info.ElementType, out JsonTypeInfo? elementInfo) && elementInfo.Kind != JsonTypeInfoKind.None)
                {
                    int index = 0;
                    foreach (object? item in items)
                    {
                        if (item is not null)
                        {
                            FindUnknownFields(item, elementInfo, $"{path}[{index}]", found, lineOf, depth + 1);
                        }

                        index++;
                    }
                }

                break;

            case JsonTypeInfoKind.Dictionary when value is IDictionary entries && info.ElementType is not null:
                if (info.Options.TryGetTypeInfo(info.ElementType, out JsonTypeInfo? valueInfo) && valueInfo.Kind != JsonTypeInfoKind.None)
                {
                    foreach (DictionaryEntry entry in entries)
                    {
                        if (entry.Value is not null)
                        {
                            FindUnknownFields(entry.Value, valueInfo, Join(path, entry.Key.ToString() ?? ""), found, lineOf, depth + 1);
                        }
                    }
                }

                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary><c>$.spec.routes[0].dst</c> → <c>spec.routes[0].dst</c>; <c>$['a.b']</c> kept readable.</summary>
    internal static string JsonPathToFieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "";
        }

        string path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path;
    }

    private static string DecodeMessage(JsonObject obj, string path, JsonException ex)
    {
        JsonNode? node = Find(obj, path);
        string found = node is null ? "null" : Describe(node) + " " + node.ToJsonString();
        return path.Length == 0
            ? $"cannot read the object: {ex.Message}"
            : $"wrong type: got {found}; {ExpectedFrom(ex.Message)}";
    }

    private static string ExpectedFrom(string message)
    {
        // STJ says "The JSON value could not be converted to System.Int64. Path: ..."; keep the type part.
        int start = message.IndexOf("converted to ", StringComparison.Ordinal);
        if (start < 0)
        {
            return "see the field's documented type";
        }

        int end = message.IndexOf(". Path", start, StringComparison.Ordinal);
        string type = end < 0 ? message[(start + 13)..] : message[(start + 13)..end];
        string expected = type switch
        {
            "System.Int64" or "System.Nullable`1[System.Int64]" or "System.Int32" or "System.Nullable`1[System.Int32]" => "an integer",
            "System.Boolean" or "System.Nullable`1[System.Boolean]" => "true or false",
            "System.String" => "a string (quote it)",
            _ when type.Contains("List`1", StringComparison.Ordinal) => "a list",
            _ when type.Contains("Dictionary`2", StringComparison.Ordinal) => "a map of strings",
            _ => "an object",
        };
        return $"expected {expected}";
    }

    private static JsonNode? Find(JsonObject obj, string path)
    {
        JsonNode? current = obj;
        foreach (string part in path.Split('.'))
        {
            string name = part;
            int bracket = name.IndexOf('[', StringComparison.Ordinal);
            string rest = bracket >= 0 ? name[bracket..] : "";
            if (bracket >= 0)
            {
                name = name[..bracket];
            }

            current = current is JsonObject o ? o[name] : null;
            while (rest.StartsWith('[') && rest.IndexOf(']', StringComparison.Ordinal) is int close and > 0)
            {
                current = current is JsonArray a && int.TryParse(rest[1..close], out int i) && i < a.Count ? a[i] : null;
                rest = rest[(close + 1)..];
            }
        }

        return current;
    }

    internal static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "value",
    };

    private static string SyntaxDetail(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the location is given separately.
        string message = ex.Message;
        int marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && marker >= 0)
        {
            message = message[(marker + 3)..];
        }

        return ex.InnerException is YamlException inner && inner != ex ? $"{message} ({SyntaxDetail(inner)})" : message;
    }
}
