namespace Dragline.Linux.Discovery;

/// <summary>The link layer of an RDMA port (<c>link_layer</c>).</summary>
public enum RdmaLinkLayer
{
    Unknown,

    InfiniBand,

    /// <summary>RoCE (and Soft-RoCE).</summary>
    Ethernet,
}
