using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;

namespace Dragline.Sriov.Apply;

/// <summary>
/// The sysfs side of applying a plan: the files the kernel acts on when written. Reads of everything else go
/// through <see cref="HostDiscovery"/> over <see cref="Root"/>. <see cref="HostSriovSysfs"/> writes a real host;
/// the tests' <c>FakeSriovKernel</c> (in the test-support project) simulates the kernel on a writable copy of a fixture tree.
/// </summary>
public interface ISriovSysfs
{
    /// <summary>The filesystem root the files are under.</summary>
    HostRoot Root { get; }

    /// <summary>Writes <c>/sys/bus/pci/devices/PF/sriov_numvfs</c>.</summary>
    void WriteNumVfs(PciAddress pf, int count);

    /// <summary>The PF's <c>virtfnN</c> links whose VF has a <c>physfn</c> link back (a VF the kernel finished creating).</summary>
    IReadOnlyList<VirtualFunctionLink> ReadVirtualFunctions(PciAddress pf);

    /// <summary>Writes <c>driver_override</c>; null clears it.</summary>
    void WriteDriverOverride(PciAddress device, string? driver);

    /// <summary>Writes the address to <c>/sys/bus/pci/drivers/DRIVER/unbind</c>.</summary>
    void Unbind(PciAddress device, string driver);

    /// <summary>Writes the address to <c>/sys/bus/pci/drivers/DRIVER/bind</c>.</summary>
    void Bind(PciAddress device, string driver);

    /// <summary>Writes the address to <c>/sys/bus/pci/drivers_probe</c>: the kernel binds the default (or overridden) driver.</summary>
    void ProbeDrivers(PciAddress device);
}
