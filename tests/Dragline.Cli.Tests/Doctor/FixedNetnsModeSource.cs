using Dragline.Linux;
using Dragline.Linux.Discovery;

namespace Dragline.Cli.Tests.Doctor;

/// <summary>A netns mode source that answers a fixed mode, standing in for the live netlink reading.</summary>
public sealed class FixedNetnsModeSource(RdmaNetnsMode mode) : IRdmaNetnsModeSource
{
    public RdmaNetnsModeReading? TryRead() => new(mode, mode == RdmaNetnsMode.Exclusive ? "exclusive" : "shared", "RDMA netlink (test)");
}
