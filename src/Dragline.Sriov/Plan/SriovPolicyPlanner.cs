using System.Globalization;
using Dragline.Api.Model.Sriov;
using Dragline.Api.Validation;
using Dragline.Core.Hardware;

namespace Dragline.Sriov.Plan;

/// <summary>
/// Renders SriovNetworkNodePolicies into one node's desired state, as the operator's policy controller does
/// (sriov-rdma.md 1.4–1.6), plus the checks its webhook makes against the node and the other policies, resolved
/// on this node's real PFs (altNames included). Policies are defaulted in place and validated first.
/// </summary>
public sealed class SriovPolicyPlanner
{
    private const string DefaultPolicyName = "default";
    private const int DefaultPriority = 99;

    private readonly ValidationSettings _settings;
    private readonly string _prefix;

    /// <param name="settings">Webhook settings: the operator namespace (only its policies count) and the supported NICs.</param>
    /// <param name="resourcePrefix">Prefix of resource names; <c>spidernet.io</c> by default.</param>
    public SriovPolicyPlanner(ValidationSettings? settings = null, string resourcePrefix = SriovResourcePrefix.Default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePrefix);
        _settings = settings ?? ValidationSettings.Default;
        _prefix = resourcePrefix;
    }

    /// <summary>Plans <paramref name="policies"/> for a node with <paramref name="nodeLabels"/> whose PFs are <paramref name="status"/>.</summary>
    public SriovNodePlan Plan(
        IEnumerable<SriovNetworkNodePolicy> policies,
        IReadOnlyDictionary<string, string> nodeLabels,
        SriovNetworkNodeStateStatus status,
        string? nodeName = null)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(nodeLabels);
        ArgumentNullException.ThrowIfNull(status);
        var problems = new List<SriovPlanProblem>();
        var outcomes = new List<SriovPolicyOutcome>();
        List<SriovNetworkNodePolicy> selected = Admit(policies, nodeLabels, problems, outcomes);

        // Upstream applies policies from priority 99 down to 0, ties by name, so later (lower number) ones override.
        selected.Sort((a, b) =>
        {
            int byPriority = PriorityOf(b).CompareTo(PriorityOf(a));
            return byPriority != 0 ? byPriority : string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name);
        });

        List<SriovInterfaceStatus> pfs = status.Interfaces ?? [];
        var working = new Dictionary<string, WorkingInterface>(StringComparer.Ordinal);
        var history = new Dictionary<string, List<AppliedSelection>>(StringComparer.Ordinal);
        var byName = new Dictionary<string, SriovNetworkNodePolicySpec>(StringComparer.Ordinal);
        var applied = new List<SriovPolicyOutcome>();
        int? lastPriority = null;
        foreach (SriovNetworkNodePolicy policy in selected)
        {
            string name = policy.Metadata.Name ?? "";
            SriovNetworkNodePolicySpec spec = policy.Spec;
            int priority = PriorityOf(policy);
            bool equalPriority = lastPriority == priority;
            lastPriority = priority;
            CheckExcludeTopology(name, spec, byName, problems);
            byName[name] = spec;

            var matched = new List<string>();
            long numVfs = spec.NumVfs ?? 0;
            foreach (SriovInterfaceStatus pf in pfs)
            {
                if (SriovNicSelectorMatcher.Match(spec.NicSelector, pf, numVfs) is not { } match)
                {
                    continue;
                }

                matched.Add(pf.Name ?? pf.PciAddress ?? "");
                if (numVfs <= 0 || !CheckAgainstPf(name, spec, pf, problems))
                {
                    continue;
                }

                string pci = pf.PciAddress ?? "";
                (int first, int last) = match.VfRange(numVfs);
                List<AppliedSelection> previous = history.TryGetValue(pci, out List<AppliedSelection>? list) ? list : history[pci] = [];
                var selection = new AppliedSelection(name, priority, match, first, last, spec.ExternallyManaged ?? false);
                if (!CheckAgainstOthers(selection, previous, pf, problems))
                {
                    continue;
                }

                previous.Add(selection);
                var group = new WorkingGroup(spec.ResourceName ?? "", name, first, last, spec.DeviceType ?? SriovDeviceTypes.NetDevice, spec.IsRdma ?? false, (int?)spec.Mtu, spec.VdpaType);
                Merge(working, pf, spec, name, priority, group, equalPriority, problems);
            }

            applied.Add(new SriovPolicyOutcome { Name = name, Priority = priority, SelectsNode = true, MatchedPfs = matched });
        }

        var pfPlans = new List<SriovPfPlan>();
        foreach (SriovInterfaceStatus pf in pfs)
        {
            if (pf.PciAddress is { } pci && working.TryGetValue(pci, out WorkingInterface? w))
            {
                pfPlans.Add(ToPfPlan(pf, w, problems));
            }
        }

        pfPlans.Sort((a, b) => a.PciAddress.CompareTo(b.PciAddress));
        return new SriovNodePlan
        {
            NodeName = nodeName,
            NodeLabels = new Dictionary<string, string>(nodeLabels.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal),
            ResourcePrefix = _prefix,
            PhysicalFunctions = pfPlans,
            Resources = BuildResources(pfPlans, byName),
            Policies = [.. applied, .. outcomes],
            Problems = problems,
            Spec = ToSpec(pfPlans),
        };
    }

    /// <summary>Defaults and validates every policy; keeps those that are valid, in the operator namespace and select the node.</summary>
    private List<SriovNetworkNodePolicy> Admit(
        IEnumerable<SriovNetworkNodePolicy> policies,
        IReadOnlyDictionary<string, string> nodeLabels,
        List<SriovPlanProblem> problems,
        List<SriovPolicyOutcome> outcomes)
    {
        var context = new ValidationContext(_settings);
        var admitted = new List<SriovNetworkNodePolicy>();
        foreach (SriovNetworkNodePolicy policy in policies)
        {
            string name = policy.Metadata.Name ?? "";
            if (name == DefaultPolicyName)
            {
                outcomes.Add(new SriovPolicyOutcome { Name = name, SkippedBecause = "the policy named 'default' belongs to the operator and is skipped, as upstream does" });
                continue;
            }

            IReadOnlyList<ValidationProblem> found = ManifestValidator.ValidateObject(policy, context);
            foreach (ValidationProblem problem in found)
            {
                // The validator only guesses whether policies with different nodeSelectors share a node; here the node is known.
                if (problem.Severity == ValidationSeverity.Warning && problem.Message.EndsWith("(if both select a common node)", StringComparison.Ordinal))
                {
                    continue;
                }

                string text = problem.FieldPath.Length == 0 ? problem.Message : $"{problem.FieldPath}: {problem.Message}";
                problems.Add(new SriovPlanProblem(name, text, problem.Severity == ValidationSeverity.Error ? SriovPlanSeverity.Error : SriovPlanSeverity.Warning));
            }

            int priority = PriorityOf(policy);
            if (found.Any(p => p.Severity == ValidationSeverity.Error))
            {
                outcomes.Add(new SriovPolicyOutcome { Name = name, Priority = priority, SkippedBecause = "the policy is invalid (see the errors)" });
                continue;
            }

            if (_settings.SriovOperatorNamespace is { } ns && (policy.Metadata.Namespace ?? "default") != ns)
            {
                outcomes.Add(new SriovPolicyOutcome { Name = name, Priority = priority, SkippedBecause = $"only policies in namespace {ns} are honoured; this one is in {policy.Metadata.Namespace ?? "default"}" });
                continue;
            }

            Dictionary<string, string> selector = policy.Spec.NodeSelector ?? [];
            var missing = selector.Where(p => !nodeLabels.TryGetValue(p.Key, out string? v) || v != p.Value).Select(p => $"{p.Key}={p.Value}").ToList();
            if (missing.Count > 0)
            {
                outcomes.Add(new SriovPolicyOutcome { Name = name, Priority = priority, SkippedBecause = $"nodeSelector does not match the node's labels: no {string.Join(", ", missing)}" });
                continue;
            }

            admitted.Add(policy);
        }

        return admitted;
    }

    private static int PriorityOf(SriovNetworkNodePolicy policy) => (int)(policy.Spec.Priority ?? DefaultPriority);

    /// <summary>The webhook's per-PF checks (sriov-rdma.md 1.5, dynamic), with upstream's messages.</summary>
    private static bool CheckAgainstPf(string name, SriovNetworkNodePolicySpec spec, SriovInterfaceStatus pf, List<SriovPlanProblem> problems)
    {
        long numVfs = spec.NumVfs ?? 0;
        string pfName = pf.Name ?? "";
        bool externallyManaged = spec.ExternallyManaged ?? false;
        if (pf.TotalVfs is not long total)
        {
            problems.Add(new SriovPlanProblem(name, $"PF {pfName} ({pf.PciAddress}) has no SR-IOV capability (no sriov_totalvfs): narrow the nicSelector to SR-IOV PFs, or enable SR-IOV in the firmware and BIOS", SriovPlanSeverity.Error, pfName));
            return false;
        }

        // Upstream checks totalvfs only for Intel and a fixed 128 for Mellanox; the PF's own sriov_totalvfs is the real limit for every NIC.
        if (numVfs > total)
        {
            problems.Add(new SriovPlanProblem(name, $"numVfs({numVfs}) in CR {name} exceed the maximum allowed value({total}) interface({pfName})", SriovPlanSeverity.Error, pfName));
            return false;
        }

        if (!externallyManaged)
        {
            return true;
        }

        bool ok = true;
        if (numVfs > (pf.NumVfs ?? 0))
        {
            problems.Add(new SriovPlanProblem(name, $"numVfs({numVfs}) in CR {name} is higher than the virtual functions allocated for the PF externally value({pf.NumVfs ?? 0})", SriovPlanSeverity.Error, pfName));
            ok = false;
        }

        if (spec.Mtu is long mtu && pf.Mtu is long pfMtu && mtu > pfMtu)
        {
            problems.Add(new SriovPlanProblem(name, $"MTU({mtu}) in CR {name} is higher than the MTU for the PF externally value({pfMtu})", SriovPlanSeverity.Error, pfName));
            ok = false;
        }

        if (SriovLinkTypes.Normalise(spec.LinkType) is { } linkType && pf.LinkType is { } current && linkType != current)
        {
            problems.Add(new SriovPlanProblem(name, $"LinkType({spec.LinkType}) in CR {name} is not equal to the LinkType for the PF externally value({current})", SriovPlanSeverity.Error, pfName));
            ok = false;
        }

        return ok;
    }

    /// <summary>
    /// The webhook's checks against other policies on the same node (sriov-rdma.md 1.5), but on the PF both really
    /// select: a pfName and an altName of one PF are the same PF here.
    /// </summary>
    private static bool CheckAgainstOthers(AppliedSelection mine, List<AppliedSelection> previous, SriovInterfaceStatus pf, List<SriovPlanProblem> problems)
    {
        bool ok = true;
        string pfName = pf.Name ?? "";
        foreach (AppliedSelection other in previous.Where(p => p.Policy != mine.Policy))
        {
            if (other.ExternallyManaged != mine.ExternallyManaged)
            {
                problems.Add(new SriovPlanProblem(mine.Policy, $"externallyManage is inconsistent with existing policy {other.Policy}", SriovPlanSeverity.Error, pfName));
                ok = false;
            }

            if (mine.Match.PfNameEntry is { } entry && other.Match.PfNameEntry is not null && mine.First <= other.Last && other.First <= mine.Last)
            {
                problems.Add(new SriovPlanProblem(mine.Policy, $"VF index range in {entry} is overlapped with existing policy {other.Policy}", SriovPlanSeverity.Error, pfName));
                ok = false;
            }

            if (mine.Match.ViaRootDevice && other.Match.ViaRootDevice)
            {
                problems.Add(new SriovPlanProblem(mine.Policy, $"root device {pf.PciAddress} is overlapped with existing policy {other.Policy}", SriovPlanSeverity.Error, pfName));
                ok = false;
            }
        }

        return ok;
    }

    private static void CheckExcludeTopology(string name, SriovNetworkNodePolicySpec spec, Dictionary<string, SriovNetworkNodePolicySpec> earlier, List<SriovPlanProblem> problems)
    {
        bool mine = spec.ExcludeTopology ?? false;
        foreach ((string otherName, SriovNetworkNodePolicySpec other) in earlier)
        {
            bool theirs = other.ExcludeTopology ?? false;
            if (other.ResourceName == spec.ResourceName && theirs != mine)
            {
                problems.Add(new SriovPlanProblem(name, $"excludeTopology[{Bool(mine)}] field conflicts with policy [{otherName}].ExcludeTopology[{Bool(theirs)}] as they target the same resource[{spec.ResourceName}]", SriovPlanSeverity.Error));
            }
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>
    /// Upstream's mergeConfigs: the new group first; an older group survives unless its VF range overlaps the new
    /// one; when one survives, or the previous policy had the same priority, mtu and numVfs take the larger value,
    /// else the new policy's values win. Upstream also drops an older group of the same resource name even when
    /// the ranges are apart; Dragline keeps it (two policies may split one resource over two ranges).
    /// </summary>
    private static void Merge(
        Dictionary<string, WorkingInterface> working,
        SriovInterfaceStatus pf,
        SriovNetworkNodePolicySpec spec,
        string policy,
        int priority,
        WorkingGroup group,
        bool equalPriority,
        List<SriovPlanProblem> problems)
    {
        string pci = pf.PciAddress ?? "";
        var incoming = new WorkingInterface
        {
            NumVfs = (int)(spec.NumVfs ?? 0),
            Mtu = (int?)spec.Mtu,
            LinkType = SriovLinkTypes.Normalise(spec.LinkType),
            ESwitchMode = spec.ESwitchMode,
            ExternallyManaged = spec.ExternallyManaged ?? false,
        };
        incoming.Groups.Add(group);
        if (!working.TryGetValue(pci, out WorkingInterface? old))
        {
            incoming.Policies.Add(policy);
            working[pci] = incoming;
            return;
        }

        bool kept = false;
        foreach (WorkingGroup g in old.Groups)
        {
            if (g.First <= group.Last && group.First <= g.Last)
            {
                problems.Add(new SriovPlanProblem(
                    g.Policy,
                    $"VFs {g.First}-{g.Last} of {pf.Name} for resource {g.ResourceName} are overridden by policy {policy} (priority {priority}), whose VFs {group.First}-{group.Last} overlap them",
                    SriovPlanSeverity.Warning,
                    pf.Name));
                continue;
            }

            kept = true;
            incoming.Groups.Add(g);
        }

        if (kept || equalPriority)
        {
            incoming.Mtu = Math.Max(incoming.Mtu ?? 0, old.Mtu ?? 0) is int m and > 0 ? m : null;
            incoming.NumVfs = Math.Max(incoming.NumVfs, old.NumVfs);
        }

        incoming.Policies.AddRange(old.Policies);
        incoming.Policies.Add(policy);
        working[pci] = incoming;
    }

    private SriovPfPlan ToPfPlan(SriovInterfaceStatus pf, WorkingInterface w, List<SriovPlanProblem> problems)
    {
        string pfName = pf.Name ?? "";
        foreach (WorkingGroup g in w.Groups.Where(g => g.Last >= w.NumVfs))
        {
            problems.Add(new SriovPlanProblem(g.Policy, $"VF range {g.First}-{g.Last} of {pfName} does not fit in the {w.NumVfs} VFs the merged policies give the PF: raise numVfs or narrow the range", SriovPlanSeverity.Error, pfName));
        }

        return new SriovPfPlan
        {
            Name = pfName,
            PciAddress = PciAddress.Parse(pf.PciAddress ?? ""),
            Vendor = pf.Vendor ?? "",
            DeviceId = pf.DeviceID ?? "",
            Driver = pf.Driver,
            MatchedPolicies = [.. w.Policies],
            NumVfs = w.NumVfs,
            CurrentNumVfs = (int)(pf.NumVfs ?? 0),
            TotalVfs = (int)(pf.TotalVfs ?? 0),
            Mtu = w.Mtu,
            CurrentMtu = (int)(pf.Mtu ?? 0),
            LinkType = w.LinkType ?? pf.LinkType ?? SriovLinkTypes.Ethernet,
            ESwitchMode = w.ESwitchMode,
            ExternallyManaged = w.ExternallyManaged,
            VfGroups = [.. w.Groups.Select(g => new SriovVfGroupPlan
            {
                ResourceName = $"{_prefix}/{g.ResourceName}",
                PolicyName = g.Policy,
                FirstVf = g.First,
                LastVf = g.Last,
                DeviceType = g.DeviceType,
                IsRdma = g.IsRdma,
                Mtu = g.Mtu,
            })],
        };
    }

    private List<SriovResourcePlan> BuildResources(List<SriovPfPlan> pfs, Dictionary<string, SriovNetworkNodePolicySpec> specs)
    {
        var resources = new List<SriovResourcePlan>();
        foreach (IGrouping<string, (SriovPfPlan Pf, SriovVfGroupPlan Group)> byResource in pfs
            .SelectMany(pf => pf.VfGroups.Select(g => (Pf: pf, Group: g)))
            .GroupBy(x => x.Group.ResourceName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            (SriovPfPlan firstPf, SriovVfGroupPlan firstGroup) = byResource.First();
            string[] policies = [.. byResource.Select(x => x.Group.PolicyName).Distinct(StringComparer.Ordinal)];
            SriovNetworkNodePolicySpec spec = specs[firstGroup.PolicyName];
            resources.Add(new SriovResourcePlan
            {
                ResourceName = byResource.Key,
                ShortName = byResource.Key[(_prefix.Length + 1)..],
                Prefix = _prefix,
                Policies = policies,
                DeviceType = firstGroup.DeviceType,
                IsRdma = firstGroup.IsRdma,
                LinkType = firstPf.LinkType,
                NeedVhostNet = spec.NeedVhostNet ?? false,
                ExcludeTopology = spec.ExcludeTopology ?? false,
                VfRanges = [.. byResource
                    .OrderBy(x => x.Pf.PciAddress)
                    .ThenBy(x => x.Group.FirstVf)
                    .Select(x => new SriovVfRange { PfName = x.Pf.Name, PfPciAddress = x.Pf.PciAddress, FirstVf = x.Group.FirstVf, LastVf = x.Group.LastVf })],
            });
        }

        return resources;
    }

    private SriovNetworkNodeStateSpec ToSpec(List<SriovPfPlan> pfs) => new()
    {
        Interfaces = [.. pfs.Select(pf => new SriovInterfaceSpec
        {
            PciAddress = pf.PciAddress.ToString(),
            Name = pf.Name,
            NumVfs = pf.NumVfs,
            Mtu = pf.Mtu,
            LinkType = pf.LinkType,
            ESwitchMode = pf.ESwitchMode,
            ExternallyManaged = pf.ExternallyManaged ? true : null,
            VfGroups = [.. pf.VfGroups.Select(g => new SriovVfGroup
            {
                ResourceName = g.ResourceName[(_prefix.Length + 1)..],
                DeviceType = g.DeviceType,
                VfRange = string.Create(CultureInfo.InvariantCulture, $"{g.FirstVf}-{g.LastVf}"),
                PolicyName = g.PolicyName,
                Mtu = g.Mtu,
                IsRdma = g.IsRdma,
            })],
        })],
    };

    private sealed record AppliedSelection(string Policy, int Priority, SriovNicMatch Match, int First, int Last, bool ExternallyManaged);

    private sealed record WorkingGroup(string ResourceName, string Policy, int First, int Last, string DeviceType, bool IsRdma, int? Mtu, string? VdpaType);

    private sealed class WorkingInterface
    {
        public int NumVfs { get; set; }

        public int? Mtu { get; set; }

        public string? LinkType { get; init; }

        public string? ESwitchMode { get; init; }

        public bool ExternallyManaged { get; init; }

        public List<WorkingGroup> Groups { get; } = [];

        public List<string> Policies { get; } = [];
    }
}
