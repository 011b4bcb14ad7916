using Dragline.Core;
using Dragline.Linux.Discovery;

namespace Dragline.Lab;

/// <summary>What this host offers the lab's networks beyond namespaces and veth: SR-IOV virtual functions and RDMA devices.</summary>
public sealed record LabHostCapabilities(bool HasSriov, bool HasRdma)
{
    /// <summary>Reads the host through sysfs: a PCI device with <c>sriov_totalvfs</c> above 0, any device under <c>/sys/class/infiniband</c>.</summary>
    public static LabHostCapabilities Discover(HostRoot root)
    {
        var discovery = new HostDiscovery(root);
        return new LabHostCapabilities(
            Safely(() => discovery.ListPciDevices().Any(d => d.Sriov is { TotalVfs: > 0 })),
            Safely(() => discovery.ListRdmaDevices().Count > 0));
    }

    // A sysfs that cannot be read offers nothing; the preflight then says what is missing.
    private static bool Safely(Func<bool> probe)
    {
        try
        {
            return probe();
        }
        catch (Exception ex) when (ex is DraglineException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
