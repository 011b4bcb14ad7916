namespace Dragline.Linux.Discovery;

/// <summary>The RDMA subsystem's network namespace mode (<c>rdma system</c>).</summary>
public enum RdmaNetnsMode
{
    /// <summary>Every namespace sees every RDMA device (ib_core <c>netns_mode=1</c>, the default).</summary>
    Shared,

    /// <summary>Each RDMA device belongs to one namespace (ib_core <c>netns_mode=0</c>).</summary>
    Exclusive,
}
