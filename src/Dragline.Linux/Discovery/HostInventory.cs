using Dragline.Core.Hardware;

namespace Dragline.Linux.Discovery;

/// <summary>Everything <see cref="HostDiscovery.Discover"/> found on one host, read once.</summary>
public sealed record HostInventory
{
    public required HostRoot Root { get; init; }

    public required KernelInfo Kernel { get; init; }

    /// <summary>Every PCI function, ordered by address.</summary>
    public IReadOnlyList<PciDevice> PciDevices { get; init; } = [];

    /// <summary>Every netdev, in natural name order (eth2 before eth10).</summary>
    public IReadOnlyList<NetDevice> NetDevices { get; init; } = [];

    /// <summary>Every RDMA device, in natural name order (mlx5_2 before mlx5_10).</summary>
    public IReadOnlyList<RdmaDevice> RdmaDevices { get; init; } = [];

    /// <summary>Whether <c>/dev/infiniband</c> exists.</summary>
    public bool HasInfinibandDeviceFolder { get; init; }

    /// <summary>Whether <c>/dev/infiniband/rdma_cm</c> exists (shared by every RDMA device).</summary>
    public bool HasRdmaCmDevice { get; init; }

    /// <summary>The memlock limit of this process (RDMA pins memory: <c>IPC_LOCK</c>); null when unreadable.</summary>
    public ResourceLimit? Memlock { get; init; }

    /// <summary><c>options ib_core netns_mode=...</c> lines found in modprobe.d folders.</summary>
    public IReadOnlyList<ModprobeOption> PersistedNetnsModes { get; init; } = [];

    public PciDevice? FindPci(PciAddress address) => PciDevices.FirstOrDefault(d => d.Address == address);

    public NetDevice? FindNet(string name) => NetDevices.FirstOrDefault(d => d.Name == name);

    public RdmaDevice? FindRdma(string name) => RdmaDevices.FirstOrDefault(d => d.Name == name);

    /// <summary>NVIDIA GPUs.</summary>
    public IEnumerable<PciDevice> Gpus => PciDevices.Where(d => d.IsNvidiaGpu);

    /// <summary>Network physical functions (not VFs) that have at least one RDMA device.</summary>
    public IEnumerable<PciDevice> RdmaNics => PciDevices.Where(d => d.IsNetworkController && !d.IsVirtualFunction && d.RdmaDevices.Count > 0);

    /// <summary>Network physical functions that can have VFs.</summary>
    public IEnumerable<PciDevice> SriovNics => PciDevices.Where(d => d.IsNetworkController && d.Sriov is not null);

    /// <summary>For each GPU, the RDMA NICs nearest to it in the PCIe tree.</summary>
    public IReadOnlyList<GpuNicAffinity> GpuNicAffinities()
    {
        PciDevice[] nics = [.. RdmaNics];
        var rows = new List<GpuNicAffinity>();
        if (nics.Length == 0)
        {
            return rows;
        }

        foreach (PciDevice gpu in Gpus)
        {
            var ranked = nics.Select(n => (Nic: n, Relation: PcieTopology.Relation(gpu, n))).ToArray();
            PcieRelation best = ranked.Min(r => r.Relation);
            rows.Add(new GpuNicAffinity
            {
                Gpu = gpu,
                Relation = best,
                NearestNics = ranked
                    .Where(r => r.Relation == best)
                    .Select(r => new AffineNic(
                        r.Nic.Address,
                        r.Nic.NetDevices.Count > 0 ? r.Nic.NetDevices[0] : null,
                        r.Nic.RdmaDevices.Count > 0 ? r.Nic.RdmaDevices[0] : null,
                        r.Nic.NumaNode))
                    .ToArray(),
            });
        }

        return rows;
    }
}
