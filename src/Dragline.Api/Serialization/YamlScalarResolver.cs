using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Dragline.Api.Serialization;

/// <summary>
/// Resolves plain (unquoted) YAML scalars by the YAML 1.2 core schema, the way a Kubernetes client turns
/// a manifest into JSON: <c>null</c>/<c>~</c>/empty → null, <c>true</c>/<c>false</c> → bool, decimal,
/// <c>0x</c> hex and <c>0o</c> octal integers → numbers (any size, exact), floats → numbers; everything
/// else, and every quoted scalar, stays a string.
/// </summary>
internal static partial class YamlScalarResolver
{
    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    /// <summary>The JSON value of a plain scalar. Infinity and NaN have no JSON form and stay strings.</summary>
    public static JsonNode? ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (DecimalInteger().IsMatch(text))
        {
            return Number(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        }

        if (HexInteger().IsMatch(text))
        {
            return Number(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }

        if (OctalInteger().IsMatch(text))
        {
            BigInteger value = BigInteger.Zero;
            foreach (char c in text.AsSpan(2))
            {
                value = (value * 8) + (c - '0');
            }

            return Number(value);
        }

        if (Float().IsMatch(text))
        {
            double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsFinite(value))
            {
                return JsonValue.Create(value);
            }
        }

        return JsonValue.Create(text);
    }

    /// <summary>True when <paramref name="text"/>, written plain, would read back as something other than this string.</summary>
    public static bool NeedsQuotes(string text)
    {
        JsonNode? resolved = ResolvePlain(text);
        return resolved is null || resolved.GetValueKind() != System.Text.Json.JsonValueKind.String
            || text is ".inf" or ".Inf" or ".INF" or "-.inf" or "+.inf" or "-.Inf" or "+.Inf" or "-.INF" or "+.INF" or ".nan" or ".NaN" or ".NAN"
            || IsYaml11Special(text);
    }

    [GeneratedRegex(@"^[-+]?(0b[01_]+|0[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+][0-9]+)?)$")]
    private static partial Regex Yaml11Number();

    // Strings that YAML 1.1 readers (kubectl's go-yaml v2 among them) take as booleans or numbers (1_000, 0b101,
    // 1:30): quote them so the written file means the same everywhere.
    private static bool IsYaml11Special(string text) =>
        text.ToLowerInvariant() is "y" or "n" or "yes" or "no" or "on" or "off" || Yaml11Number().IsMatch(text);

    private static JsonNode Number(BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            return JsonValue.Create((long)value);
        }

        // Beyond 64 bits: keep the exact digits as a JSON number.
        return JsonNode.Parse(value.ToString(CultureInfo.InvariantCulture))!;
    }
}
