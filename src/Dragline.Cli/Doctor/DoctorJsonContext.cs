using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Cli.Doctor;

/// <summary>Source-generated JSON for <c>dragline doctor --json</c>.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(DoctorReport))]
public sealed partial class DoctorJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the command prints with: as <see cref="JsonSerializerContext"/>'s default, but
    /// text such as <c>5.3+</c> and <c>NIC–GPU</c> is written as is, not as <c>\u002B</c> escapes
    /// (the output goes to terminals and jq, never into HTML).
    /// </summary>
    public static DoctorJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        IgnoreReadOnlyProperties = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter<DoctorStatus>() },
    });
}
