namespace Dragline.Cni;

/// <summary>
/// <c>CNI_ARGS</c>: "KEY=VALUE;KEY=VALUE". Kubernetes runtimes pass
/// <c>IgnoreUnknown=1;K8S_POD_NAMESPACE=…;K8S_POD_NAME=…;K8S_POD_INFRA_CONTAINER_ID=…;K8S_POD_UID=…</c>;
/// every key is optional. Unknown keys are kept in <see cref="Values"/> and never rejected.
/// </summary>
public sealed class CniArgs
{
    public const string PodNamespaceKey = "K8S_POD_NAMESPACE";
    public const string PodNameKey = "K8S_POD_NAME";
    public const string PodUidKey = "K8S_POD_UID";
    public const string PodInfraContainerIdKey = "K8S_POD_INFRA_CONTAINER_ID";
    public const string IgnoreUnknownKey = "IgnoreUnknown";

    public static readonly CniArgs Empty = new(new Dictionary<string, string>(StringComparer.Ordinal));

    private CniArgs(IReadOnlyDictionary<string, string> values)
    {
        Values = values;
    }

    /// <summary>Every pair, by key (the last of repeated keys wins).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public string? PodNamespace => Get(PodNamespaceKey);

    public string? PodName => Get(PodNameKey);

    public string? PodUid => Get(PodUidKey);

    public string? PodInfraContainerId => Get(PodInfraContainerIdKey);

    /// <summary>True for <c>IgnoreUnknown=1</c> or <c>IgnoreUnknown=true</c>.</summary>
    public bool IgnoreUnknown => Get(IgnoreUnknownKey) is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>The value of <paramref name="key"/>, or null when absent or empty.</summary>
    public string? Get(string key) => Values.TryGetValue(key, out string? v) && v.Length > 0 ? v : null;

    /// <summary>
    /// Parses <c>CNI_ARGS</c>. Empty segments (a trailing ';') are skipped; a segment without '='
    /// or with an empty key is refused with code 4, naming it.
    /// </summary>
    public static CniArgs Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string segment in text.Split(';'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            int eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CniException(
                    CniErrorCode.InvalidEnvironment,
                    $"CNI_ARGS: \"{segment}\" is not a KEY=VALUE pair; CNI_ARGS must look like \"K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0\"");
            }

            values[segment[..eq]] = segment[(eq + 1)..];
        }

        return new CniArgs(values);
    }
}
