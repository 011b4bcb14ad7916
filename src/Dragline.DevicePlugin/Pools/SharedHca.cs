using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>An HCA of an RDMA shared pool as last seen, and why it is unhealthy (null when healthy).</summary>
public sealed record SharedHca(PciDevice Device, string? UnhealthyReason);
