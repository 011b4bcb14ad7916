namespace Dragline.DevicePlugin.Config;

/// <summary>
/// Everything the device plugins serve: SR-IOV VF pools and RDMA shared pools. Read from a file by
/// <see cref="DevicePluginConfigParser"/>, or built by code (an adapter from applied SR-IOV policies).
/// </summary>
public sealed record DevicePluginConfig
{
    /// <summary>Spiderpool's resource prefix; both upstream plugins are run with it in Spiderpool.</summary>
    public const string DefaultResourcePrefix = "spidernet.io";

    public IReadOnlyList<VfPoolDefinition> VfPools { get; init; } = [];

    public IReadOnlyList<RdmaSharedPoolDefinition> SharedPools { get; init; } = [];

    /// <summary>
    /// <c>periodicUpdateInterval</c> from the file, if it set one: how often devices are re-discovered
    /// for health and the config re-read. Null leaves the host's own setting.
    /// </summary>
    public TimeSpan? PeriodicUpdateInterval { get; init; }

    /// <summary>Things in the file that were ignored (unknown keys), to be logged.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The full names of every pool, in config order.</summary>
    public IEnumerable<string> ResourceNames =>
        VfPools.Select(p => p.FullName).Concat(SharedPools.Select(p => p.FullName));
}
