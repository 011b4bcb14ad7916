using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// A device the kubelet may allocate, with where it sits: the NIC it belongs to (the PF of a VF, or
/// the HCA of a shared device), its NUMA node (-1 unknown) and a stable order among its pool's devices.
/// </summary>
public sealed record AllocationCandidate(string Id, PciDevice? Nic, int NumaNode, int Order);
