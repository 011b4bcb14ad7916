namespace Dragline.DevicePlugin.Config;

/// <summary>The <c>deviceType</c> of an SR-IOV pool: which PCI functions it draws from.</summary>
public enum VfDeviceType
{
    /// <summary><c>netDevice</c> (the default): network controllers, PCI class 0x02.</summary>
    NetDevice,

    /// <summary><c>accelerator</c>: processing accelerators, PCI class 0x12.</summary>
    Accelerator,
}
