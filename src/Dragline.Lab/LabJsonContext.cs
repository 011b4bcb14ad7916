using System.Text.Json.Serialization;

namespace Dragline.Lab;

/// <summary>Source-generated JSON for the lab's state file and its <c>--json</c> output.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LabState))]
[JsonSerializable(typeof(LabDownReport))]
public sealed partial class LabJsonContext : JsonSerializerContext;
