using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dragline.Api.Serialization;

/// <summary>
/// Turns the YAML documents of one stream (representation model), one at a time, into <see cref="JsonNode"/>s,
/// remembering the line of every mapping key by its JSON path (<c>spec.ips[0]</c>) so later messages can point
/// into the file.
/// </summary>
/// <remarks>
/// YamlDotNet resolves an alias to the anchored node itself, so a document is a graph whose expansion this
/// converter performs. Nine nested anchors of ten aliases each ("billion laughs") expand 1 KiB of text to
/// 10^9 nodes; so before converting, the expanded size is computed over the graph (each distinct node once)
/// and checked against a budget shared by all documents of the stream.
/// </remarks>
internal sealed class YamlToJsonConverter
{
    /// <summary>Most nodes (scalars, keys, lists, maps) all documents of one stream may expand to.</summary>
    internal const long MaxExpandedNodes = 1_000_000;

    /// <summary>Most scalar characters all documents of one stream may expand to (four times the input limit).</summary>
    internal const long MaxExpandedScalarChars = 4L * ManifestReader.MaxInputBytes;

    private const int MaxDepth = 256;

    private readonly string _source;
    private readonly long _maxNodes;
    private Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private long _expandedNodes;
    private long _expandedChars;

    public YamlToJsonConverter(string source, long maxExpandedNodes = MaxExpandedNodes)
    {
        _source = source;
        _maxNodes = maxExpandedNodes;
    }

    /// <summary>Key lines of the document converted last.</summary>
    public IReadOnlyDictionary<string, int> Lines => _lines;

    /// <exception cref="ManifestSyntaxException">The document is malformed, nests too deep, or its aliases expand past the stream's budget.</exception>
    public JsonNode? Convert(YamlNode node)
    {
        var sizes = new Dictionary<YamlNode, ExpandedSize>(ReferenceEqualityComparer.Instance);
        ExpandedSize size = Measure(node, sizes, depth: 0);
        _expandedNodes += size.Nodes;
        _expandedChars += size.Chars;
        CheckBudget(node, _expandedNodes, _expandedChars);
        _lines = new Dictionary<string, int>(StringComparer.Ordinal);
        return Convert(node, "", depth: 0);
    }

    /// <summary>
    /// The size of <paramref name="node"/> with every alias expanded, computed once per distinct node so the
    /// work is proportional to the text, not to the expansion. Fails at the first (innermost) node that alone
    /// exceeds the budget, so the message points at the alias-heavy part.
    /// </summary>
    private ExpandedSize Measure(YamlNode node, Dictionary<YamlNode, ExpandedSize> sizes, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Syntax(node, $"the document nests deeper than {MaxDepth} levels");
        }

        if (sizes.TryGetValue(node, out ExpandedSize known))
        {
            return known;
        }

        long nodes = 1;
        long chars = 0;
        switch (node)
        {
            case YamlScalarNode scalar:
                chars = scalar.Value?.Length ?? 0;
                break;
            case YamlSequenceNode sequence:
                foreach (YamlNode child in sequence.Children)
                {
                    ExpandedSize c = Measure(child, sizes, depth + 1);
                    nodes += c.Nodes;
                    chars += c.Chars;
                    CheckBudget(node, _expandedNodes + nodes, _expandedChars + chars);
                }

                break;
            case YamlMappingNode mapping:
                foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
                {
                    ExpandedSize k = Measure(entry.Key, sizes, depth + 1);
                    ExpandedSize v = Measure(entry.Value, sizes, depth + 1);
                    nodes += k.Nodes + v.Nodes;
                    chars += k.Chars + v.Chars;
                    CheckBudget(node, _expandedNodes + nodes, _expandedChars + chars);
                }

                break;
        }

        var size = new ExpandedSize(nodes, chars);
        sizes[node] = size;
        return size;
    }

    /// <remarks>Counts stay far below overflow: each is checked after every addition of two in-budget values.</remarks>
    private void CheckBudget(YamlNode node, long nodes, long chars)
    {
        if (nodes > _maxNodes)
        {
            throw Syntax(node, $"YAML aliases expand this to more than {_maxNodes:N0} nodes, the limit for one manifest file; "
                + "write the repeated parts out instead of reusing anchors ('*name'), or split the file");
        }

        if (chars > MaxExpandedScalarChars)
        {
            throw Syntax(node, $"YAML aliases expand this to more than {MaxExpandedScalarChars:N0} characters of values, the limit for one manifest file; "
                + "write the repeated parts out instead of reusing anchors ('*name'), or split the file");
        }
    }

    private JsonNode? Convert(YamlNode node, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Syntax(node, $"the document nests deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);

            case YamlSequenceNode sequence:
            {
                var array = new JsonArray();
                int index = 0;
                foreach (YamlNode child in sequence.Children)
                {
                    string childPath = $"{path}[{index}]";
                    _lines.TryAdd(childPath, (int)child.Start.Line);
                    array.Add(Convert(child, childPath, depth + 1));
                    index++;
                }

                return array;
            }

            case YamlMappingNode mapping:
            {
                var obj = new JsonObject();
                foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
                {
                    if (entry.Key is not YamlScalarNode keyNode)
                    {
                        throw Syntax(entry.Key, "a mapping key must be a plain string, not a collection");
                    }

                    string key = keyNode.Value ?? "";
                    if (key == "<<" && keyNode.Style == ScalarStyle.Plain)
                    {
                        throw Syntax(keyNode, "YAML merge keys ('<<') are not supported; write the fields out");
                    }

                    if (obj.ContainsKey(key))
                    {
                        throw Syntax(keyNode, $"mapping key \"{key}\" already defined");
                    }

                    string childPath = path.Length == 0 ? key : $"{path}.{key}";
                    _lines.TryAdd(childPath, (int)keyNode.Start.Line);
                    obj.Add(key, Convert(entry.Value, childPath, depth + 1));
                }

                return obj;
            }

            default:
                throw Syntax(node, $"unsupported YAML node {node.NodeType}");
        }
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        // Explicit core-schema tags on plain scalars.
        string tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" or "!!str")
        {
            return JsonValue.Create(text);
        }

        return YamlScalarResolver.ResolvePlain(text);
    }

    private ManifestSyntaxException Syntax(YamlNode node, string message) =>
        new(_source, (int)node.Start.Line, (int)node.Start.Column, message);

    private readonly record struct ExpandedSize(long Nodes, long Chars);
}
