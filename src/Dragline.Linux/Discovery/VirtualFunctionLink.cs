using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>One <c>virtfnN</c> link of a physical function: VF index N and the VF's PCI address.</summary>
public sealed record VirtualFunctionLink(int Index, PciAddress Address);
