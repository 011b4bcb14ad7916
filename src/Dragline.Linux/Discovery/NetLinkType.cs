namespace Dragline.Linux.Discovery;

/// <summary>The link type of a netdev, from its ARPHRD <c>type</c>.</summary>
public enum NetLinkType
{
    /// <summary>Any type not named here; see <see cref="NetDevice.HardwareType"/>.</summary>
    Other,

    /// <summary>ARPHRD_ETHER (1).</summary>
    Ether,

    /// <summary>ARPHRD_INFINIBAND (32): IPoIB.</summary>
    InfiniBand,

    /// <summary>ARPHRD_LOOPBACK (772).</summary>
    Loopback,
}
