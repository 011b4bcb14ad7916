using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dragline.Api.Model;

/// <summary>A Kubernetes label selector: every <c>matchLabels</c> pair and every expression must hold.</summary>
public sealed class LabelSelector
{
    [JsonPropertyName("matchLabels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [JsonPropertyName("matchExpressions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>Fields the model does not know; the codec reports them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }

    /// <summary>True when the selector has neither labels nor expressions (it then selects everything).</summary>
    [JsonIgnore]
    public bool IsEmpty => (MatchLabels is null || MatchLabels.Count == 0) && (MatchExpressions is null || MatchExpressions.Count == 0);

    /// <summary>
    /// Whether <paramref name="labels"/> satisfy the selector, with Kubernetes semantics: <c>In</c> needs the key
    /// with one of the values, <c>NotIn</c> holds when the key is absent or has another value, <c>Exists</c> and
    /// <c>DoesNotExist</c> test the key only. An unknown operator matches nothing.
    /// </summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (MatchLabels is not null)
        {
            foreach (KeyValuePair<string, string> pair in MatchLabels)
            {
                if (!labels.TryGetValue(pair.Key, out string? value) || value != pair.Value)
                {
                    return false;
                }
            }
        }

        if (MatchExpressions is not null)
        {
            foreach (LabelSelectorRequirement requirement in MatchExpressions)
            {
                if (!Matches(requirement, labels))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Matches(LabelSelectorRequirement requirement, IReadOnlyDictionary<string, string> labels)
    {
        string key = requirement.Key ?? "";
        bool present = labels.TryGetValue(key, out string? value);
        List<string> values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            "In" => present && values.Contains(value!),
            "NotIn" => !present || !values.Contains(value!),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
