using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin;

/// <summary>Where and how often <see cref="DevicePluginHost"/> works.</summary>
public sealed class DevicePluginHostOptions
{
    /// <summary>The kubelet's device-plugin directory (<c>pluginapi.DevicePluginPath</c>).</summary>
    public const string DefaultKubeletDirectory = "/var/lib/kubelet/device-plugins";

    /// <summary>The kubelet's registration socket name in <see cref="KubeletDirectory"/>.</summary>
    public const string KubeletSocketName = "kubelet.sock";

    /// <summary>Holds <c>kubelet.sock</c>; the plugin sockets are created here too.</summary>
    public string KubeletDirectory { get; init; } = DefaultKubeletDirectory;

    /// <summary>The filesystem root discovery reads (<c>/</c>; a fixture tree in tests).</summary>
    public HostRoot HostRoot { get; init; } = HostRoot.Live;

    /// <summary>Where device-info files are written on Allocate.</summary>
    public string DeviceInfoDirectory { get; init; } = DefaultDeviceInfoDirectory;

    /// <summary>Where Multus looks for device-plugin device-info files.</summary>
    public const string DefaultDeviceInfoDirectory = "/var/run/k8s.cni.cncf.io/devinfo/dp";

    /// <summary>
    /// How often devices are re-discovered (health) and the config re-loaded. <see cref="Timeout.InfiniteTimeSpan"/>
    /// turns the timer off (tests call <see cref="DevicePluginHost.RescanAsync"/>). A config's
    /// <c>periodicUpdateInterval</c> overrides it.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the kubelet socket is checked for a kubelet restart (upstream polls every 5 s); a change in
    /// the directory also triggers a check at once. <see cref="Timeout.InfiniteTimeSpan"/> turns both off.
    /// </summary>
    public TimeSpan KubeletCheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The resource prefix for entries that name none.</summary>
    public string DefaultResourcePrefix { get; init; } = Config.DevicePluginConfig.DefaultResourcePrefix;

    /// <summary>Reads the RDMA netns mode; null picks netlink then sysfs on the live host, sysfs under a fixture root.</summary>
    public IRdmaNetnsModeSource? NetnsModeSource { get; init; }

    /// <summary>Alternative netdev names for pfNames matching; null for none (sysfs has none).</summary>
    public INetDeviceAltNameSource? AltNameSource { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public string KubeletSocketPath => Path.Combine(KubeletDirectory, KubeletSocketName);
}
