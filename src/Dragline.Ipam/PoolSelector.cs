using Dragline.Core;
using Dragline.Core.Net;

namespace Dragline.Ipam;

/// <summary>
/// Candidate pools per interface, in Spiderpool's order (reference: spiderpool.md 3.2–3.4): the first
/// source that names pools wins — pod <c>ippools</c>, pod <c>ippool</c>, namespace defaults, the
/// network's defaults, then cluster default pools. Wildcards expand against pools of the family;
/// candidates are filtered (terminating, disabled, version, node, namespace, pod, Multus) and then
/// stably sorted by how specific their affinity is, keeping the user's order among equals (Spiderpool
/// sorts unstably; we do not).
/// </summary>
internal static class PoolSelector
{
    public static IReadOnlyList<NicPlan> Plan(PoolSelectionContext context, IEnumerable<string> nicsAlreadyAllocated)
    {
        var skip = new HashSet<string>(nicsAlreadyAllocated, StringComparer.Ordinal);
        IReadOnlyList<NicPoolRequest> requests = Requests(context);
        var plans = new List<NicPlan>();
        foreach (NicPoolRequest request in requests)
        {
            if (skip.Contains(request.Nic))
            {
                continue;
            }

            List<CompiledPool> v4 = context.Options.EnableIPv4 ? Candidates(context, request, IpFamily.V4, request.IPv4) : [];
            List<CompiledPool> v6 = context.Options.EnableIPv6 ? Candidates(context, request, IpFamily.V6, request.IPv6) : [];
            if (v4.Count == 0 && v6.Count == 0)
            {
                throw new DraglineException(DraglineErrorReason.NotFound,
                    $"no IPPool available for NIC {request.Nic}: {request.Source} names no pool of an enabled IP version");
            }

            plans.Add(new NicPlan(request.Nic, v4, v6, request.CleanGateway ?? context.Request.CleanGateway));
        }

        return plans;
    }

    private static IReadOnlyList<NicPoolRequest> Requests(PoolSelectionContext context)
    {
        AllocationRequest request = context.Request;
        IReadOnlyDictionary<string, string> podAnnotations = context.Pod?.Annotations ?? new Dictionary<string, string>();
        if (podAnnotations.TryGetValue(IpamAnnotations.IPPools, out string? multi) && !string.IsNullOrWhiteSpace(multi))
        {
            return IpamAnnotationParser.ParseIPPools(multi, request.IfName);
        }

        if (podAnnotations.TryGetValue(IpamAnnotations.IPPool, out string? single) && !string.IsNullOrWhiteSpace(single))
        {
            return [IpamAnnotationParser.ParseIPPool(single, request.IfName)];
        }

        IReadOnlyDictionary<string, string> nsAnnotations = context.Namespace?.Annotations ?? new Dictionary<string, string>();
        nsAnnotations.TryGetValue(IpamAnnotations.NamespaceDefaultIPv4Pool, out string? ns4);
        nsAnnotations.TryGetValue(IpamAnnotations.NamespaceDefaultIPv6Pool, out string? ns6);
        IReadOnlyList<string> nsV4 = string.IsNullOrWhiteSpace(ns4) ? [] : IpamAnnotationParser.ParseNameList(IpamAnnotations.NamespaceDefaultIPv4Pool, ns4);
        IReadOnlyList<string> nsV6 = string.IsNullOrWhiteSpace(ns6) ? [] : IpamAnnotationParser.ParseNameList(IpamAnnotations.NamespaceDefaultIPv6Pool, ns6);
        if (nsV4.Count > 0 || nsV6.Count > 0)
        {
            return [new NicPoolRequest(request.IfName, nsV4, nsV6, null, $"the default pools of namespace {request.PodNamespace}")];
        }

        if (request.DefaultIPv4Pools.Count > 0 || request.DefaultIPv6Pools.Count > 0)
        {
            return [new NicPoolRequest(request.IfName, request.DefaultIPv4Pools, request.DefaultIPv6Pools, null, "the network's default_ipv4_ippool/default_ipv6_ippool")];
        }

        List<CompiledPool> defaults = [.. context.Pools.Values.Where(p => p.Source.Spec.Default == true).OrderBy(p => p.Name, StringComparer.Ordinal)];
        if (defaults.Count == 0)
        {
            throw new DraglineException(DraglineErrorReason.NotFound, "no IPPool available, no pool selection rules of any type are specified");
        }

        return [new NicPoolRequest(request.IfName,
            [.. defaults.Where(p => p.Family == IpFamily.V4).Select(p => p.Name)],
            [.. defaults.Where(p => p.Family == IpFamily.V6).Select(p => p.Name)],
            null, "the cluster default pools")];
    }

    private static List<CompiledPool> Candidates(PoolSelectionContext context, NicPoolRequest request, IpFamily family, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return [];
        }

        // Expand wildcards (matches sorted by name) in the user's order, dropping repeats.
        var expanded = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (GlobPattern.HasWildcard(name))
            {
                foreach (string match in context.Pools.Values.Where(p => p.Family == family && GlobPattern.IsMatch(name, p.Name)).Select(p => p.Name).Order(StringComparer.Ordinal))
                {
                    if (seen.Add(match))
                    {
                        expanded.Add(match);
                    }
                }
            }
            else if (!seen.Add(name))
            {
                throw new DraglineException(DraglineErrorReason.InvalidValue, $"duplicate IPPool {name} specified for NIC {request.Nic}");
            }
            else
            {
                expanded.Add(name);
            }
        }

        var kept = new List<CompiledPool>();
        var reasons = new List<string>();
        foreach (string name in expanded)
        {
            if (!context.Pools.TryGetValue(name, out CompiledPool? pool))
            {
                reasons.Add(context.BrokenPools.TryGetValue(name, out string? broken) ? broken : $"IPPool {name} not found");
                continue;
            }

            if (FilterOut(context, request.Nic, family, pool) is { } reason)
            {
                reasons.Add(reason);
                continue;
            }

            kept.Add(pool);
        }

        if (kept.Count == 0)
        {
            throw new DraglineException(DraglineErrorReason.NotFound,
                $"no IPPool available, all IPv{(int)family} IPPools [{string.Join(' ', expanded)}] of {request.Nic} filtered out: {(reasons.Count == 0 ? "no pool matches the names given" : string.Join("; ", reasons))}");
        }

        return [.. kept.OrderByDescending(Specificity)];
    }

    /// <summary>podAffinity &gt; nodeName &gt; nodeAffinity &gt; namespaceName &gt; namespaceAffinity &gt; multusName, compared in that order.</summary>
    private static int Specificity(CompiledPool pool)
    {
        Api.Model.Spiderpool.IPPoolSpec spec = pool.Source.Spec;
        return (spec.PodAffinity is not null ? 32 : 0)
            | (spec.NodeName is { Count: > 0 } ? 16 : 0)
            | (spec.NodeAffinity is not null ? 8 : 0)
            | (spec.NamespaceName is { Count: > 0 } ? 4 : 0)
            | (spec.NamespaceAffinity is not null ? 2 : 0)
            | (spec.MultusName is { Count: > 0 } ? 1 : 0);
    }

    private static string? FilterOut(PoolSelectionContext context, string nic, IpFamily family, CompiledPool pool)
    {
        Api.Model.Spiderpool.IPPoolSpec spec = pool.Source.Spec;
        if (pool.IsTerminating)
        {
            return $"terminating IPPool {pool.Name}";
        }

        if (pool.IsDisabled)
        {
            return $"disabled IPPool {pool.Name}";
        }

        if (pool.Family != family)
        {
            return $"expect an IPv{(int)family} IPPool, but the version of the IPPool {pool.Name} is IPv{(int)pool.Family}";
        }

        IReadOnlyDictionary<string, string> none = new Dictionary<string, string>();
        if (spec.NodeName is { Count: > 0 })
        {
            if (!spec.NodeName.Contains(context.Node))
            {
                return $"unmatched Node name of IPPool {pool.Name}";
            }
        }
        else if (spec.NodeAffinity is { } nodeAffinity && !nodeAffinity.Matches(context.NodeInfo?.Labels ?? none))
        {
            return $"unmatched Node affinity of IPPool {pool.Name}";
        }

        if (spec.NamespaceName is { Count: > 0 })
        {
            if (!spec.NamespaceName.Contains(context.Request.PodNamespace))
            {
                return $"unmatched Namespace name of IPPool {pool.Name}";
            }
        }
        else if (spec.NamespaceAffinity is { } namespaceAffinity && !namespaceAffinity.Matches(context.Namespace?.Labels ?? none))
        {
            return $"unmatched Namespace affinity of IPPool {pool.Name}";
        }

        if (spec.PodAffinity is { } podAffinity && !podAffinity.Matches(context.Pod?.Labels ?? none))
        {
            return $"unmatched Pod affinity of IPPool {pool.Name}";
        }

        if (spec.MultusName is { Count: > 0 } multusNames)
        {
            (string Namespace, string Name)? network = MultusNetworkOf(context, nic);
            if (network is null)
            {
                return nic == "eth0"
                    ? $"cluster-network multus isn't set: IPPool {pool.Name} has spec.multusName {Brackets(multusNames)}, but the Pod names no {IpamAnnotations.MultusDefaultNetwork} and the agent has no cluster network"
                    : $"IPPool {pool.Name} has spec.multusName {Brackets(multusNames)}, but no Multus network of the Pod is attached as interface {nic}";
            }

            bool matched = multusNames.Any(m => IpamAnnotationParser.SplitReference(m, context.Options.InstallNamespace) == network.Value);
            if (!matched)
            {
                return $"the spec.multusName {Brackets(multusNames)} in the IPPool {pool.Name} used by the Pod interface {nic} is not matched with the multusCR {network.Value.Namespace}/{network.Value.Name} specified by the Pod";
            }
        }

        return null;
    }

    private static (string Namespace, string Name)? MultusNetworkOf(PoolSelectionContext context, string nic)
    {
        string podNamespace = context.Request.PodNamespace;
        IReadOnlyDictionary<string, string> annotations = context.Pod?.Annotations ?? new Dictionary<string, string>();
        if (nic == "eth0")
        {
            if (annotations.TryGetValue(IpamAnnotations.MultusDefaultNetwork, out string? network) && !string.IsNullOrWhiteSpace(network))
            {
                return IpamAnnotationParser.SplitReference(IpamAnnotationParser.Bounded(IpamAnnotations.MultusDefaultNetwork, network).Trim(), podNamespace);
            }

            return string.IsNullOrEmpty(context.Options.ClusterNetwork)
                ? null
                : IpamAnnotationParser.SplitReference(context.Options.ClusterNetwork, context.Options.InstallNamespace);
        }

        if (!annotations.TryGetValue(IpamAnnotations.MultusNetworks, out string? networks) || string.IsNullOrWhiteSpace(networks))
        {
            return null;
        }

        IReadOnlyList<MultusAttachment> attachments = IpamAnnotationParser.ParseMultusNetworks(networks, podNamespace);
        for (int i = 0; i < attachments.Count; i++)
        {
            string name = attachments[i].Interface.Length > 0 ? attachments[i].Interface : $"net{i + 1}";
            if (name == nic)
            {
                return (attachments[i].Namespace, attachments[i].Name);
            }
        }

        return null;
    }

    private static string Brackets(IEnumerable<string> items) => "[" + string.Join(' ', items) + "]";
}
