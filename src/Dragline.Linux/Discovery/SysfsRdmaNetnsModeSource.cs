namespace Dragline.Linux.Discovery;

/// <summary>
/// Reads the netns mode from <c>/sys/module/ib_core/parameters/netns_mode</c>. The parameter is
/// bound to the kernel's live flag (ib_devices_shared_netns), so it also shows a change made with
/// <c>rdma system set netns</c> after load: <c>Y</c> (or 1) is shared, <c>N</c> (or 0) exclusive.
/// </summary>
public sealed class SysfsRdmaNetnsModeSource : IRdmaNetnsModeSource
{
    /// <summary>The parameter file, relative to the root.</summary>
    public const string ParameterPath = "sys/module/ib_core/parameters/netns_mode";

    private readonly HostRoot _root;

    public SysfsRdmaNetnsModeSource(HostRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
    }

    public RdmaNetnsModeReading? TryRead()
    {
        string? value = _root.ReadValue(ParameterPath);
        RdmaNetnsMode? mode = ParseParameter(value);
        return mode is null ? null : new RdmaNetnsModeReading(mode.Value, value!, HostRoot.Display(ParameterPath));
    }

    /// <summary>Reads a netns_mode value as sysfs prints it (<c>Y</c>/<c>N</c>) or as modprobe takes it (<c>1</c>/<c>0</c>).</summary>
    public static RdmaNetnsMode? ParseParameter(string? value) => value?.Trim() switch
    {
        "Y" or "y" or "1" => RdmaNetnsMode.Shared,
        "N" or "n" or "0" => RdmaNetnsMode.Exclusive,
        _ => null,
    };
}
