namespace Dragline.DevicePlugin.Config;

/// <summary>
/// One SR-IOV resource pool: what a <c>resourceList</c> entry of the sriov-network-device-plugin
/// config says, and what an adapter from applied SriovNetworkNodePolicies fills in (section 1.10 of
/// the SR-IOV reference: vendors, VF device ids, pfNames with ranges, rootDevices, linkTypes, isRdma).
/// The kubelet sees it as <c>ResourcePrefix/ResourceName</c>.
/// </summary>
public sealed record VfPoolDefinition
{
    /// <summary>Matches <c>^[a-zA-Z0-9_-]+$</c>.</summary>
    public required string ResourceName { get; init; }

    /// <summary>The resource domain; <see cref="DevicePluginConfig.DefaultResourcePrefix"/> unless the entry sets one.</summary>
    public string ResourcePrefix { get; init; } = DevicePluginConfig.DefaultResourcePrefix;

    public VfDeviceType DeviceType { get; init; } = VfDeviceType.NetDevice;

    /// <summary>When true, devices are advertised without their NUMA node.</summary>
    public bool ExcludeTopology { get; init; }

    /// <summary>Evaluated in order; a device taken by an earlier selector or pool is not taken again.</summary>
    public required IReadOnlyList<VfSelector> Selectors { get; init; }

    /// <summary>
    /// <c>additionalInfo</c>: extra key/values for the <c>_INFO</c> variable, under <c>*</c> for every
    /// device or under a PCI address for one (which wins over <c>*</c>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> AdditionalInfo { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary><c>prefix/name</c>, as the kubelet and pod specs spell the resource.</summary>
    public string FullName => ResourcePrefix + "/" + ResourceName;
}
