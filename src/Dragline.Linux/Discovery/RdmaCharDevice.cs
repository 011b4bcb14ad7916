namespace Dragline.Linux.Discovery;

/// <summary>
/// A character device of an RDMA device: the class entry (<c>uverbs0</c>), the device node path
/// (<c>/dev/infiniband/uverbs0</c>) and whether that node exists under the root.
/// </summary>
public sealed record RdmaCharDevice(string Name, string DevicePath, bool Exists);
