namespace Dragline.Linux.Discovery;

/// <summary>
/// How close two PCI devices are, nearest first. The names in brackets are the ones
/// <c>nvidia-smi topo -m</c> prints, which GPU and NIC affinity guides use.
/// </summary>
public enum PcieRelation
{
    /// <summary>At most one switch between them: one switch port each below the same switch, or the same parent bridge (PIX).</summary>
    SameSwitch,

    /// <summary>Below the same root port, through more than one switch (PXB).</summary>
    AcrossSwitches,

    /// <summary>Below the same host bridge (root complex), on different root ports (PHB).</summary>
    SameHostBridge,

    /// <summary>Different host bridges on the same NUMA node (NODE).</summary>
    SameNumaNode,

    /// <summary>Different NUMA nodes: traffic crosses the socket interconnect (SYS).</summary>
    CrossNuma,
}
