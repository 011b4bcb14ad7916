using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>An RDMA NIC near a GPU: its PCI function, netdev and RDMA device.</summary>
public sealed record AffineNic(PciAddress Address, string? NetDevice, string? RdmaDevice, int NumaNode);
