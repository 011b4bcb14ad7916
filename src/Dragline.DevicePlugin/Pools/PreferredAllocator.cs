using Dragline.Linux.Discovery;

namespace Dragline.DevicePlugin.Pools;

/// <summary>
/// Chooses the devices GetPreferredAllocation answers with. The rule (docs/device-plugins.md, "NUMA and
/// PCIe preference"):
/// <list type="number">
/// <item>Every <c>mustInclude</c> device is taken first, in the kubelet's order.</item>
/// <item>If any of them is known, they are anchors: the GPUs whose nearest RDMA NICs include an anchor's
/// NIC are the GPUs the pod is being placed with. The rest is filled with the devices closest in the PCIe
/// tree to those GPUs (same switch, then across switches, same host bridge, same NUMA node, other node),
/// or, with no such GPU, closest to the anchors' NICs; at equal distance, devices of an anchor's own NIC first.</item>
/// <item>Without anchors, devices are packed: the NUMA node that can hold the whole request with the
/// fewest devices to spare (best fit) is used; inside it, the NIC that can hold the rest alone with the
/// fewest to spare. When no node can, the nodes with the most available devices are used first.</item>
/// </list>
/// Ties fall back to the pool's own order (PCI address), so the answer is deterministic.
/// </summary>
public static class PreferredAllocator
{
    public static IReadOnlyList<string> Choose(
        IReadOnlyList<AllocationCandidate> available,
        IReadOnlyList<string> mustInclude,
        int size,
        IReadOnlyList<GpuNicAffinity> gpuAffinities)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(mustInclude);
        ArgumentNullException.ThrowIfNull(gpuAffinities);
        var chosen = new List<string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in mustInclude)
        {
            if (taken.Add(id))
            {
                chosen.Add(id);
            }
        }

        int need = size - chosen.Count;
        if (need <= 0)
        {
            return chosen;
        }

        AllocationCandidate[] free = available.Where(c => !taken.Contains(c.Id)).DistinctBy(c => c.Id).ToArray();
        Dictionary<string, AllocationCandidate> byId = available.DistinctBy(c => c.Id).ToDictionary(c => c.Id, StringComparer.Ordinal);
        PciDevice[] anchors = mustInclude
            .Select(id => byId.TryGetValue(id, out AllocationCandidate? c) ? c.Nic : null)
            .OfType<PciDevice>()
            .DistinctBy(n => n.Address)
            .ToArray();

        IEnumerable<AllocationCandidate> ordered = anchors.Length > 0
            ? NearAnchors(free, anchors, gpuAffinities)
            : Packed(free, need);
        chosen.AddRange(ordered.Take(need).Select(c => c.Id));
        return chosen;
    }

    private static IEnumerable<AllocationCandidate> NearAnchors(AllocationCandidate[] free, PciDevice[] anchors, IReadOnlyList<GpuNicAffinity> gpuAffinities)
    {
        var anchorAddresses = anchors.Select(a => a.Address).ToHashSet();
        PciDevice[] gpus = gpuAffinities
            .Where(row => row.NearestNics.Any(n => anchorAddresses.Contains(n.Address)))
            .Select(row => row.Gpu)
            .ToArray();
        PciDevice[] targets = gpus.Length > 0 ? gpus : anchors;
        return free
            .Select(c => (Candidate: c, Rank: c.Nic is null ? PcieRelation.CrossNuma + 1 : targets.Min(t => PcieTopology.Relation(t, c.Nic))))
            .OrderBy(x => x.Rank)
            .ThenBy(x => x.Candidate.Nic is { } nic && anchorAddresses.Contains(nic.Address) ? 0 : 1)
            .ThenBy(x => x.Candidate.Order)
            .Select(x => x.Candidate);
    }

    private static IEnumerable<AllocationCandidate> Packed(AllocationCandidate[] free, int need)
    {
        var nodes = free.GroupBy(c => c.NumaNode).Select(g => g.ToArray()).ToList();
        AllocationCandidate[]? fit = nodes
            .Where(g => g.Length >= need)
            .OrderBy(g => g.Length)
            .ThenBy(g => g[0].NumaNode)
            .FirstOrDefault();
        if (fit is not null)
        {
            return PackedWithinNode(fit, need);
        }

        return nodes
            .OrderByDescending(g => g.Length)
            .ThenBy(g => g[0].NumaNode)
            .SelectMany(g => PackedWithinNode(g, g.Length));
    }

    private static IEnumerable<AllocationCandidate> PackedWithinNode(AllocationCandidate[] node, int need)
    {
        var nics = node.GroupBy(c => c.Nic?.Address.ToString() ?? "").Select(g => g.OrderBy(c => c.Order).ToArray()).ToList();
        AllocationCandidate[]? fit = nics
            .Where(g => g.Length >= need)
            .OrderBy(g => g.Length)
            .ThenBy(g => g[0].Order)
            .FirstOrDefault();
        IEnumerable<AllocationCandidate[]> order = fit is not null
            ? new[] { fit }.Concat(nics.Where(g => g != fit).OrderByDescending(g => g.Length).ThenBy(g => g[0].Order))
            : nics.OrderByDescending(g => g.Length).ThenBy(g => g[0].Order);
        return order.SelectMany(g => g);
    }
}
