namespace Dragline.Api.Validation;

/// <summary>Cluster settings the webhooks consult (Helm values upstream).</summary>
public sealed class ValidationSettings
{
    /// <summary>Default settings: both families enabled, Spiderpool and the SR-IOV operator in <c>kube-system</c>.</summary>
    public static ValidationSettings Default { get; } = new();

    /// <summary>Spiderpool's <c>ipam.enableIPv4</c>.</summary>
    public bool EnableIPv4 { get; init; } = true;

    /// <summary>Spiderpool's <c>ipam.enableIPv6</c>.</summary>
    public bool EnableIPv6 { get; init; } = true;

    /// <summary>Namespace Spiderpool runs in; <c>multusName</c> entries without a namespace refer to it.</summary>
    public string SpiderpoolNamespace { get; init; } = "kube-system";

    /// <summary>The only namespace whose SriovNetworkNodePolicies are honoured; null accepts any namespace.</summary>
    public string? SriovOperatorNamespace { get; init; } = "kube-system";

    /// <summary>
    /// The operator's <c>supported-nic-ids</c> entries, each <c>"vendor pfDeviceID vfDeviceID"</c> (e.g. <c>"15b3 1017 1018"</c>).
    /// Null skips the vendor/device check, as upstream does with <c>DEV_MODE=TRUE</c>; offline there is no such ConfigMap.
    /// </summary>
    public IReadOnlyList<string>? SupportedNicIds { get; init; }
}
