using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dragline.Api.Rendering;

/// <summary>
/// JSON text byte-for-byte as Go's <c>encoding/json</c> writes it, so a rendered configuration string
/// equals the one Spiderpool's controller stores: no whitespace, UTF-8 kept as is, and <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c> escaped as <c>\u003c</c>, <c>\u003e</c>, <c>\u0026</c>.
/// </summary>
internal static class GoCompatibleJson
{
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Runs <paramref name="write"/> against a compact writer and returns the Go-escaped text.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return EscapeHtmlCharacters(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    // The relaxed encoder leaves <, > and & alone; Go escapes them. They can only occur inside strings,
    // so replacing them in the finished text is exact.
    private static string EscapeHtmlCharacters(string json) =>
        json.Replace("<", "\\u003c", StringComparison.Ordinal)
            .Replace(">", "\\u003e", StringComparison.Ordinal)
            .Replace("&", "\\u0026", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
            .Replace("\u2029", "\\u2029", StringComparison.Ordinal);

    /// <summary>
    /// Writes <paramref name="element"/> the way Go re-marshals a value it decoded into
    /// <c>interface{}</c>: object keys sorted (byte order), the last of duplicate keys kept, numbers as
    /// float64 (integral values without a fraction).
    /// </summary>
    public static void WriteNormalized(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    members[property.Name] = property.Value;
                }

                writer.WriteStartObject();
                foreach ((string name, JsonElement value) in members)
                {
                    writer.WritePropertyName(name);
                    WriteNormalized(writer, value);
                }

                writer.WriteEndObject();
                break;

            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteNormalized(writer, item);
                }

                writer.WriteEndArray();
                break;

            case JsonValueKind.Number:
                writer.WriteRawValue(FormatGoFloat(element.GetDouble()), skipInputValidation: true);
                break;

            default:
                element.WriteTo(writer);
                break;
        }
    }

    // Go's float64 encoding: shortest round-trip digits, plain notation for 1e-6 <= |x| < 1e21,
    // otherwise exponent form with at least two exponent digits (1e+21, 1e-07).
    private static string FormatGoFloat(double value)
    {
        double abs = Math.Abs(value);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21))
        {
            if (value == Math.Floor(value) && abs < 1e15)
            {
                return ((long)value).ToString(CultureInfo.InvariantCulture);
            }

            string plain = value.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('E', StringComparison.Ordinal) ? decimal.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : plain;
        }

        string exp = value.ToString("R", CultureInfo.InvariantCulture);
        int e = exp.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return exp;
        }

        string mantissa = exp[..e];
        string exponent = exp[(e + 1)..];
        char sign = exponent[0] == '-' ? '-' : '+';
        string digits = exponent.TrimStart('+', '-');
        if (digits.Length < 2)
        {
            digits = "0" + digits;
        }

        return $"{mantissa}e{sign}{digits}";
    }
}
