using System.Text;
using Dragline.Core;
using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;

namespace Dragline.Sriov.Apply;

/// <summary>
/// <see cref="ISriovSysfs"/> on a real host: writes the kernel's attribute files under a <see cref="HostRoot"/>
/// (<c>/</c>, or the host's root mounted into a container). Each value goes out in one write, as sysfs needs.
/// </summary>
public sealed class HostSriovSysfs : ISriovSysfs
{
    public HostSriovSysfs(HostRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
    }

    public HostRoot Root { get; }

    public void WriteNumVfs(PciAddress pf, int count) =>
        Write($"sys/bus/pci/devices/{pf}/sriov_numvfs", count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public IReadOnlyList<VirtualFunctionLink> ReadVirtualFunctions(PciAddress pf) => ReadFinishedVirtualFunctions(Root, pf);

    // The kernel treats a lone newline as "no override" (upstream writes a NUL byte for the same effect).
    public void WriteDriverOverride(PciAddress device, string? driver) =>
        Write($"sys/bus/pci/devices/{device}/driver_override", driver ?? "\n");

    public void Unbind(PciAddress device, string driver) => Write($"sys/bus/pci/drivers/{CheckDriver(driver)}/unbind", device.ToString());

    public void Bind(PciAddress device, string driver) => Write($"sys/bus/pci/drivers/{CheckDriver(driver)}/bind", device.ToString());

    public void ProbeDrivers(PciAddress device) => Write("sys/bus/pci/drivers_probe", device.ToString());

    /// <summary>The VFs of <paramref name="pf"/> whose <c>physfn</c> link exists, by index.</summary>
    public static IReadOnlyList<VirtualFunctionLink> ReadFinishedVirtualFunctions(HostRoot root, PciAddress pf)
    {
        ArgumentNullException.ThrowIfNull(root);
        PciDevice? device = new HostDiscovery(root).ReadPciDevice(pf);
        return device?.Sriov is { } sriov
            ? [.. sriov.VirtualFunctions.Where(vf => root.Exists($"sys/bus/pci/devices/{vf.Address}/physfn"))]
            : [];
    }

    private static string CheckDriver(string driver)
    {
        if (string.IsNullOrEmpty(driver) || driver.Contains('/', StringComparison.Ordinal) || driver is "." or "..")
        {
            throw new DraglineException(DraglineErrorReason.InvalidValue, $"'{driver}' is not a driver name: expected a folder name under /sys/bus/pci/drivers.");
        }

        return driver;
    }

    private void Write(string relative, string value)
    {
        string path = Root.Combine(relative);
        byte[] bytes = Encoding.ASCII.GetBytes(value);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            stream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DraglineException(
                DraglineErrorReason.System,
                $"Writing '{value.TrimEnd('\n')}' to {HostRoot.Display(relative)} failed: {e.Message}. Run as root on the host whose /sys this is.",
                e);
        }
    }
}
