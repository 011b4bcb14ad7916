namespace Dragline.Linux.Discovery;

/// <summary>The logical state of an RDMA port (<c>enum ib_port_state</c>).</summary>
public enum RdmaPortState
{
    /// <summary>IB_PORT_NOP (0), or a state that could not be read.</summary>
    Unknown = 0,

    Down = 1,

    /// <summary>Physically up, not yet configured (InfiniBand: no subnet manager has swept it).</summary>
    Init = 2,

    Armed = 3,

    Active = 4,

    ActiveDefer = 5,
}
