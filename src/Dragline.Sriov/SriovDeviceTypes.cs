namespace Dragline.Sriov;

/// <summary>A policy's <c>deviceType</c> values and the userspace (DPDK) drivers the operator recognises.</summary>
public static class SriovDeviceTypes
{
    /// <summary>The VF keeps its vendor kernel driver and has a netdev.</summary>
    public const string NetDevice = "netdevice";

    /// <summary>The VF is bound to vfio-pci for userspace or VM passthrough.</summary>
    public const string VfioPci = "vfio-pci";

    /// <summary>Drivers that give no netdev (the operator's DPDK driver list).</summary>
    public static bool IsUserspaceDriver(string? driver) => driver is "vfio-pci" or "igb_uio" or "uio_pci_generic";
}
