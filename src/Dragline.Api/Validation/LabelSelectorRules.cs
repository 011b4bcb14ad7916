using Dragline.Api.Model;

namespace Dragline.Api.Validation;

/// <summary>Kubernetes' own checks of a label selector (apimachinery <c>ValidateLabelSelector</c>).</summary>
internal static class LabelSelectorRules
{
    public static void Check(LabelSelector? selector, string path, ValidationProblemCollector problems)
    {
        if (selector?.MatchExpressions is null)
        {
            return;
        }

        for (int i = 0; i < selector.MatchExpressions.Count; i++)
        {
            LabelSelectorRequirement requirement = selector.MatchExpressions[i];
            string at = $"{path}.matchExpressions[{i}]";
            int values = requirement.Values?.Count ?? 0;
            if (string.IsNullOrEmpty(requirement.Key))
            {
                problems.Error($"{at}.key", "Required value");
            }

            switch (requirement.Operator)
            {
                case "In" or "NotIn" when values == 0:
                    problems.Error($"{at}.values", "Required value: must be specified when `operator` is 'In' or 'NotIn'");
                    break;
                case "Exists" or "DoesNotExist" when values > 0:
                    problems.Error($"{at}.values", "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    break;
                case "In" or "NotIn" or "Exists" or "DoesNotExist":
                    break;
                default:
                    problems.Error($"{at}.operator", $"Unsupported value: \"{requirement.Operator}\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"");
                    break;
            }
        }
    }
}
