using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dragline.Api.Serialization;

/// <summary>
/// Turns one YAML document (representation model) into a <see cref="JsonNode"/>, remembering the line of
/// every mapping key by its JSON path (<c>spec.ips[0]</c>) so later messages can point into the file.
/// </summary>
internal sealed class YamlToJsonConverter
{
    private readonly string _source;
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public YamlToJsonConverter(string source)
    {
        _source = source;
    }

    public IReadOnlyDictionary<string, int> Lines => _lines;

    public JsonNode? Convert(YamlNode node) => Convert(node, "", depth: 0);

    private JsonNode? Convert(YamlNode node, string path, int depth)
    {
        if (depth > 256)
        {
            throw Syntax(node, "the document nests deeper than 256 levels");
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
}
