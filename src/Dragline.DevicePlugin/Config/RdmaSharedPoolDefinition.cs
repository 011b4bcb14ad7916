namespace Dragline.DevicePlugin.Config;

/// <summary>
/// One RDMA shared pool (a <c>configList</c> entry of k8s-rdma-shared-dev-plugin): every selected HCA
/// is advertised as <see cref="RdmaHcaMax"/> devices, and any of them gives a container every
/// <c>/dev/infiniband</c> device of every selected HCA.
/// </summary>
public sealed record RdmaSharedPoolDefinition
{
    /// <summary>Matches <c>^[a-zA-Z0-9_]+$</c> (no hyphen, as upstream).</summary>
    public required string ResourceName { get; init; }

    public string ResourcePrefix { get; init; } = DevicePluginConfig.DefaultResourcePrefix;

    /// <summary>How many containers may share each HCA (devices advertised per HCA); 0 advertises none.</summary>
    public required int RdmaHcaMax { get; init; }

    public required RdmaSharedSelector Selector { get; init; }

    public string FullName => ResourcePrefix + "/" + ResourceName;
}
