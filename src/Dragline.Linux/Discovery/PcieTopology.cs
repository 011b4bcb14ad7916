namespace Dragline.Linux.Discovery;

/// <summary>Distances between PCI devices in the PCIe tree.</summary>
public static class PcieTopology
{
    /// <summary>
    /// How close <paramref name="a"/> and <paramref name="b"/> are. Devices on the same bus (one
    /// parent bridge), or one switch port each below the same switch (the nearest shared bridge is
    /// a switch port, not the root port), are <see cref="PcieRelation.SameSwitch"/>; anything
    /// deeper, or only the root port shared, is <see cref="PcieRelation.AcrossSwitches"/>. Without a shared bridge, the host
    /// bridge and then the NUMA node decide (an unknown node, -1, counts as the same node).
    /// </summary>
    public static PcieRelation Relation(PciDevice a, PciDevice b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        PciePath pa = a.PciePath;
        PciePath pb = b.PciePath;
        if (pa.HostBridge.Length > 0 && pa.HostBridge == pb.HostBridge)
        {
            int shared = 0;
            while (shared < pa.Bridges.Count && shared < pb.Bridges.Count && pa.Bridges[shared] == pb.Bridges[shared])
            {
                shared++;
            }

            if (shared == 0)
            {
                return PcieRelation.SameHostBridge;
            }

            bool sameParent = shared == pa.Bridges.Count && shared == pb.Bridges.Count;
            bool insideSwitch = shared >= 2;
            bool onePortBelow = pa.Bridges.Count - shared <= 1 && pb.Bridges.Count - shared <= 1;
            return sameParent || (insideSwitch && onePortBelow) ? PcieRelation.SameSwitch : PcieRelation.AcrossSwitches;
        }

        bool sameNode = a.NumaNode == b.NumaNode || a.NumaNode < 0 || b.NumaNode < 0;
        return sameNode ? PcieRelation.SameNumaNode : PcieRelation.CrossNuma;
    }

    /// <summary>The <c>nvidia-smi topo -m</c> name of a relation: PIX, PXB, PHB, NODE or SYS.</summary>
    public static string NvidiaSmiName(PcieRelation relation) => relation switch
    {
        PcieRelation.SameSwitch => "PIX",
        PcieRelation.AcrossSwitches => "PXB",
        PcieRelation.SameHostBridge => "PHB",
        PcieRelation.SameNumaNode => "NODE",
        _ => "SYS",
    };
}
