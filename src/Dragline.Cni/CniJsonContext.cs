using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Cni;

/// <summary>Source-generated JSON for every CNI type (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CniNetworkConfig))]
[JsonSerializable(typeof(CniResult))]
[JsonSerializable(typeof(CniErrorResult))]
[JsonSerializable(typeof(CniVersionInfo))]
public sealed partial class CniJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context for what a plugin prints: like <see cref="JsonSerializerContext"/>'s default but
    /// without escaping quotes and other HTML-sensitive characters as \u00XX, so error messages
    /// stay readable in runtime logs.
    /// </summary>
    public static CniJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
