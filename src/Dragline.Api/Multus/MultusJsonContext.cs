using System.Text.Json.Serialization;

namespace Dragline.Api.Multus;

/// <summary>Source-generated JSON metadata for the Multus-side kinds (AOT-safe; no reflection).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(SpiderMultusConfig))]
[JsonSerializable(typeof(SpiderCoordinator))]
[JsonSerializable(typeof(NetworkAttachmentDefinition))]
public sealed partial class MultusJsonContext : JsonSerializerContext;
