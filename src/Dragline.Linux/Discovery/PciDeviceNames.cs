namespace Dragline.Linux.Discovery;

/// <summary>
/// Marketing names of the RDMA NICs operators recognise by name, keyed by PCI vendor and device id
/// (values as the public pci.ids database lists them). Unknown ids have no name; callers fall back to
/// the <c>vendor:device</c> pair.
/// </summary>
public static class PciDeviceNames
{
    private static readonly Dictionary<(ushort Vendor, ushort Device), string> Names = new()
    {
        [(0x15b3, 0x1013)] = "ConnectX-4",
        [(0x15b3, 0x1014)] = "ConnectX-4 VF",
        [(0x15b3, 0x1015)] = "ConnectX-4 Lx",
        [(0x15b3, 0x1016)] = "ConnectX-4 Lx VF",
        [(0x15b3, 0x1017)] = "ConnectX-5",
        [(0x15b3, 0x1018)] = "ConnectX-5 VF",
        [(0x15b3, 0x1019)] = "ConnectX-5 Ex",
        [(0x15b3, 0x101a)] = "ConnectX-5 Ex VF",
        [(0x15b3, 0x101b)] = "ConnectX-6",
        [(0x15b3, 0x101c)] = "ConnectX-6 VF",
        [(0x15b3, 0x101d)] = "ConnectX-6 Dx",
        [(0x15b3, 0x101e)] = "ConnectX family VF",
        [(0x15b3, 0x101f)] = "ConnectX-6 Lx",
        [(0x15b3, 0x1021)] = "ConnectX-7",
        [(0x15b3, 0x1023)] = "ConnectX-8",
        [(0x15b3, 0xa2d6)] = "BlueField-2",
        [(0x15b3, 0xa2dc)] = "BlueField-3",
        [(0x8086, 0x10c9)] = "82576 (igb)",
        [(0x8086, 0x10ca)] = "82576 VF (igbvf)",
    };

    /// <summary>The model name of a device, like <c>ConnectX-5</c> for <c>15b3:1017</c>, or null when unknown.</summary>
    public static string? Lookup(ushort vendorId, ushort deviceId) =>
        Names.TryGetValue((vendorId, deviceId), out string? name) ? name : null;

    /// <summary><c>15b3:1017 ConnectX-5</c>, or just <c>vendor:device</c> when the model is unknown.</summary>
    public static string Describe(PciDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Lookup(device.VendorId, device.DeviceId) is { } name ? $"{device.VendorDevice} {name}" : device.VendorDevice;
    }
}
