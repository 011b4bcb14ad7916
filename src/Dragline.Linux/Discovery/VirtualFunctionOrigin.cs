using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>
/// Where a virtual function comes from: the PF behind its <c>physfn</c> link and its index, the N
/// of the PF's <c>virtfnN</c> link that points back at it (-1 when no such link is found).
/// </summary>
public sealed record VirtualFunctionOrigin(PciAddress PhysicalFunction, int Index);
