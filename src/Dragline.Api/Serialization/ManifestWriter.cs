using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dragline.Api.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Dragline.Api.Serialization;

/// <summary>
/// Writes objects as YAML (one document per object, <c>---</c> separated) or as kubectl-style JSON
/// (4-space indent; several objects become a <c>v1 List</c>). Keys come out in model property order;
/// fields the model did not know are written back as they were read.
/// </summary>
public sealed class ManifestWriter
{
    private static readonly JsonSerializerOptions JsonOutput = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly KindRegistry _registry;

    public ManifestWriter(KindRegistry? registry = null)
    {
        _registry = registry ?? KindRegistry.Default;
    }

    /// <summary>A writer over <see cref="KindRegistry.Default"/>.</summary>
    public static ManifestWriter Default { get; } = new();

    /// <summary>The object as JSON: typed models through their registered contract, unstructured ones as read.</summary>
    /// <exception cref="InvalidOperationException">The object's class is not registered.</exception>
    public JsonObject ToJsonNode(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is UnstructuredObject unstructured)
        {
            return (JsonObject)unstructured.Content.DeepClone();
        }

        KindInfo info = _registry.Find(obj.GetType())
            ?? throw new InvalidOperationException($"{obj.GetType().Name} is not a registered kind; register it in ApiKinds");
        return JsonSerializer.SerializeToNode(obj, info.TypeInfo) as JsonObject
            ?? throw new InvalidOperationException($"{obj.DisplayName} did not serialize to a JSON object");
    }

    /// <summary>kubectl <c>-o json</c>: one object as itself, several as a <c>List</c>.</summary>
    public string ToJson(IReadOnlyList<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        JsonNode node = objects.Count == 1 ? ToJsonNode(objects[0]) : new JsonObject
        {
            ["apiVersion"] = "v1",
            ["items"] = new JsonArray([.. objects.Select(o => (JsonNode)ToJsonNode(o))]),
            ["kind"] = "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
        };
        return node.ToJsonString(JsonOutput) + "\n";
    }

    /// <summary>One object as kubectl-style JSON.</summary>
    public string ToJson(KubeObject obj) => ToJson([obj]);

    /// <summary>Objects as YAML documents separated by <c>---</c>.</summary>
    public string ToYaml(IEnumerable<KubeObject> objects)
    {
        using var writer = new StringWriter();
        WriteYaml(writer, objects);
        return writer.ToString();
    }

    /// <summary>One object as a YAML document.</summary>
    public string ToYaml(KubeObject obj) => ToYaml([obj]);

    /// <summary>Writes objects as YAML documents separated by <c>---</c>.</summary>
    public void WriteYaml(TextWriter output, IEnumerable<KubeObject> objects)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(objects);
        WriteYamlNodes(output, objects.Select(o => (JsonNode)ToJsonNode(o)));
    }

    /// <summary>Writes JSON values as YAML documents separated by <c>---</c> (for callers holding JSON already).</summary>
    public static void WriteYamlNodes(TextWriter output, IEnumerable<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(documents);
        var emitter = new Emitter(output, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        emitter.Emit(new StreamStart());
        bool first = true;
        foreach (JsonNode? document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            JsonToYamlEmitter.Emit(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }

        emitter.Emit(new StreamEnd());
    }
}
