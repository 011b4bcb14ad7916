using System.Text.Json.Serialization;
using Dragline.Sriov.Plan;

namespace Dragline.Sriov;

/// <summary>Source-generated JSON for the plan and apply results (<c>dragline policy plan --json</c>).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SriovNodePlan))]
[JsonSerializable(typeof(string))]
public sealed partial class SriovJsonContext : JsonSerializerContext
{
}
