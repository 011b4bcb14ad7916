using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dragline.Api.Validation;

namespace Dragline.Api.Multus;

/// <summary>
/// Spiderpool's SpiderMultusConfig webhooks (<c>pkg/multuscniconfig</c> mutate and validate), with upstream's
/// message texts. Unlike the webhook, which stops at the first error, every problem is reported.
/// </summary>
public sealed partial class SpiderMultusConfigValidator : ObjectValidator<SpiderMultusConfig>
{
    // What defaulting had to say (older spellings), reported by Validate, which alone can report.
    private static readonly ConditionalWeakTable<SpiderMultusConfig, IReadOnlyList<MultusProblem>> DefaultingNotes = [];

    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    protected override void ApplyDefaults(SpiderMultusConfig obj, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(obj);
        IReadOnlyList<MultusProblem> notes = SpiderMultusConfigDefaulter.Apply(obj);
        DefaultingNotes.AddOrUpdate(obj, notes);
    }

    protected override void Validate(SpiderMultusConfig obj, SpiderMultusConfig? oldObject, ValidationContext context, ValidationProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        if (DefaultingNotes.TryGetValue(obj, out IReadOnlyList<MultusProblem>? notes))
        {
            foreach (MultusProblem note in notes)
            {
                Report(problems, note);
            }
        }

        foreach (MultusProblem problem in Check(obj, oldObject, context.Existing))
        {
            Report(problems, problem);
        }
    }

    private static void Report(ValidationProblemCollector problems, MultusProblem problem)
    {
        if (problem.IsWarning)
        {
            problems.Warning(problem.Path, problem.Message);
        }
        else
        {
            problems.Error(problem.Path, problem.Message);
        }
    }

    /// <summary>
    /// Every problem of a (defaulted) SpiderMultusConfig. <paramref name="oldObject"/> is the stored version on
    /// update; <paramref name="existing"/> are the objects already applied (for name clashes of the rendered network).
    /// </summary>
    public static IReadOnlyList<MultusProblem> Check(SpiderMultusConfig smc, SpiderMultusConfig? oldObject = null, IEnumerable<Model.KubeObject>? existing = null)
    {
        ArgumentNullException.ThrowIfNull(smc);
        var problems = new List<MultusProblem>();
        CheckAnnotations(smc, oldObject, existing ?? [], problems);
        CheckCniConfig(smc, problems);
        return problems;
    }

    private static void CheckAnnotations(SpiderMultusConfig smc, SpiderMultusConfig? oldObject, IEnumerable<Model.KubeObject> existing, List<MultusProblem> problems)
    {
        const string path = "metadata.annotations";
        Dictionary<string, string> annotations = smc.Metadata.Annotations ?? [];
        bool hasCustomName = annotations.TryGetValue(MultusAnnotations.CustomName, out string? customName);
        if (oldObject is not null)
        {
            bool hadCustomName = oldObject.Metadata.Annotations?.TryGetValue(MultusAnnotations.CustomName, out string? oldName) == true;
            oldName = hadCustomName ? oldObject.Metadata.Annotations![MultusAnnotations.CustomName] : null;
            if (hadCustomName && hasCustomName && oldName != customName)
            {
                problems.Add(MultusProblem.Error(path, $"it's unsupported to change customized Multus net-attach-def resource name from '{oldName}' to '{customName}'"));
            }
            else if (!hadCustomName && hasCustomName)
            {
                problems.Add(MultusProblem.Error(path, $"it's unsupported to changed Multus net-attach-def '{oldObject.Metadata.Name}' to customized name '{customName}'"));
            }
        }

        if (hasCustomName)
        {
            var errors = new List<string>();
            if (customName!.Length > 253)
            {
                errors.Add("must be no more than 253 characters");
            }

            if (!Dns1123Subdomain().IsMatch(customName))
            {
                errors.Add(Dns1123SubdomainMessage);
            }

            if (errors.Count > 0)
            {
                problems.Add(MultusProblem.Error($"{path}[{MultusAnnotations.CustomName}]", $"invalid custom net-attach-def resource name \"{customName}\", err: [{string.Join(", ", errors)}]"));
            }
        }

        string nadName = hasCustomName ? customName! : smc.Metadata.Name ?? "";
        string ns = smc.Metadata.Namespace ?? "";
        foreach (Model.KubeObject other in existing)
        {
            if ((other.Metadata.Namespace ?? "") != ns)
            {
                continue;
            }

            string? owner = other switch
            {
                NetworkAttachmentDefinition nad when nad.Metadata.Name == nadName =>
                    nad.Metadata.OwnerReferences?.FirstOrDefault(r => r.Kind == SpiderMultusConfig.KindValue && r.Name != smc.Metadata.Name)?.Name,
                SpiderMultusConfig peer when peer.Metadata.Name != smc.Metadata.Name && TargetName(peer) == nadName => peer.Metadata.Name,
                _ => null,
            };
            if (owner is not null)
            {
                problems.Add(MultusProblem.Error(path, $"the net-attach-def {ns}/{nadName} already exists and is managed by SpiderMultusConfig {ns}/{owner}."));
            }
        }

        if (annotations.TryGetValue(MultusAnnotations.CniVersion, out string? cniVersion) && !MultusAnnotations.SupportedCniVersions.Contains(cniVersion))
        {
            problems.Add(MultusProblem.Error($"{path}[{MultusAnnotations.CniVersion}]", $"unsupported CNI version {cniVersion}: use one of {string.Join(", ", MultusAnnotations.SupportedCniVersions)}"));
        }
    }

    /// <summary>The name of the NetworkAttachmentDefinition a SpiderMultusConfig renders to.</summary>
    public static string TargetName(SpiderMultusConfig smc)
    {
        ArgumentNullException.ThrowIfNull(smc);
        return smc.Metadata.Annotations?.TryGetValue(MultusAnnotations.CustomName, out string? name) == true ? name : smc.Metadata.Name ?? "";
    }

    private static void CheckCniConfig(SpiderMultusConfig smc, List<MultusProblem> problems)
    {
        SpiderMultusConfigSpec spec = smc.Spec;
        if (spec.CniType is null)
        {
            problems.Add(MultusProblem.Error("spec.cniType", "CniType must not be nil"));
            return;
        }

        Dictionary<string, string> annotations = smc.Metadata.Annotations ?? [];
        bool injectRdma = annotations.ContainsKey(MultusAnnotations.RdmaResourceInject);
        bool injectNetwork = annotations.ContainsKey(MultusAnnotations.NetworkResourceInject);
        string qualified = $"{smc.Metadata.Namespace}/{smc.Metadata.Name}";

        // One method per cniType; the checks every type shares follow the switch.
        switch (spec.CniType)
        {
            case CniTypes.Macvlan:
                CheckMasterInterface(spec.Macvlan, "macvlan", "spec.macvlanConfig", smc, problems);
                break;
            case CniTypes.Ipvlan:
                CheckMasterInterface(spec.Ipvlan, "ipvlan", "spec.ipvlanConfig", smc, problems);
                break;
            case CniTypes.Vlan:
                CheckMasterInterface(spec.Vlan, "vlan", "spec.vlan", smc, problems);
                break;

            case CniTypes.Sriov:
                CheckSriov(spec, injectRdma, injectNetwork, qualified, problems);
                break;
            case CniTypes.IbSriov:
                CheckIbSriov(spec, injectRdma, injectNetwork, qualified, problems);
                break;
            case CniTypes.Ipoib:
                CheckIpoib(spec, injectRdma, injectNetwork, qualified, problems);
                break;
            case CniTypes.Ovs:
                CheckOvs(spec, injectRdma || injectNetwork, problems);
                break;
            case CniTypes.Custom:
                CheckCustom(spec, injectRdma || injectNetwork, problems);
                break;

            default:
                problems.Add(MultusProblem.Error("spec.cniType", $"Unsupported value: \"{spec.CniType}\": supported values: {CoordinatorSpecRules.Quoted(CniTypes.All)}"));
                return;
        }

        if (spec.Coordinator is not null)
        {
            var collector = new List<ValidationProblem>();
            var sink = new ValidationProblemCollector(smc, collector);
            CoordinatorSpecRules.Check(spec.Coordinator, "spec.coordinator", podCidrTypeRequired: false, sink);
            problems.AddRange(collector.Select(p => new MultusProblem(p.Severity == ValidationSeverity.Warning, p.FieldPath, p.Message)));
        }

        for (int i = 0; i < (spec.ChainCniJsonData?.Count ?? 0); i++)
        {
            string chained = spec.ChainCniJsonData![i];
            string? error = ChainedPluginError(chained);
            if (error is not null)
            {
                problems.Add(MultusProblem.Error($"spec.chainCNIJsonData[{i}]", $"invalid {chained}: {error}"));
            }
        }
    }

    private static void CheckSriov(SpiderMultusConfigSpec spec, bool injectRdma, bool injectNetwork, string qualified, List<MultusProblem> problems)
    {
        SriovCniConfig? sriov = spec.Sriov;
        if (sriov is null)
        {
            problems.Add(MultusProblem.Error("spec.sriov", "no spec.sriovConfig specified"));
            return;
        }

        CheckVlanId(sriov.VlanId, "spec.sriov.vlanID", problems);
        CheckMtu(sriov.Mtu, "spec.sriov.mtu", problems);
        if (sriov.MinTxRateMbps is < 0)
        {
            problems.Add(MultusProblem.Error("spec.sriov.minTxRateMbps", $"minTxRateMbps must be greater than or equal to 0 (got {sriov.MinTxRateMbps})"));
        }

        if (sriov.MaxTxRateMbps is < 0)
        {
            problems.Add(MultusProblem.Error("spec.sriov.maxTxRateMbps", $"maxTxRateMbps must be greater than or equal to 0 (got {sriov.MaxTxRateMbps})"));
        }

        // maxTxRateMbps 0 means "no limit", so any minimum goes with it (Spiderpool rejects min > 0 with max 0).
        if (sriov.MinTxRateMbps is int min && sriov.MaxTxRateMbps is int max && max > 0 && min > max)
        {
            problems.Add(MultusProblem.Error("spec.sriov.minTxRateMbps", $"minTxRateMbps must be less than maxTxRateMbps ({min} > {max})"));
        }

        if (string.IsNullOrEmpty(sriov.ResourceName))
        {
            problems.Add(MultusProblem.Error("spec.sriov.resourceName", "no spec.sriovConfig[resourceName] specified: name the SR-IOV device plugin resource, e.g. spidernet.io/mellanoxrdma"));
        }

        CheckOtherConfigs(spec, CniTypes.Sriov, "spec.sriovConfig", problems);
        CheckInjection(injectRdma, injectNetwork, sriov.ResourceName, sriov.Ippools, "spec.sriov", qualified, problems);
    }

    private static void CheckIbSriov(SpiderMultusConfigSpec spec, bool injectRdma, bool injectNetwork, string qualified, List<MultusProblem> problems)
    {
        IbSriovCniConfig? ib = spec.IbSriov;
        if (ib is null)
        {
            problems.Add(MultusProblem.Error("spec.ibsriov", "no spec.ibsriovConfig specified"));
            return;
        }

        if (string.IsNullOrEmpty(ib.ResourceName))
        {
            problems.Add(MultusProblem.Error("spec.ibsriov.resourceName", "no spec.ibsriovConfig[resourceName] specified: name the SR-IOV device plugin resource, e.g. spidernet.io/mellanoxibsriov"));
        }

        if (ib.LinkState is not null and not ("auto" or "enable" or "disable"))
        {
            problems.Add(MultusProblem.Error("spec.ibsriov.linkState", $"Unsupported value: \"{ib.LinkState}\": supported values: \"auto\", \"enable\", \"disable\""));
        }

        WarnMatchMasterSubnet(ib.Ippools, "spec.ibsriov", CniTypes.IbSriov, problems);
        CheckOtherConfigs(spec, CniTypes.IbSriov, "spec.ibsriovConfig", problems);
        CheckInjection(injectRdma, injectNetwork, ib.ResourceName, ib.Ippools, "spec.ibsriov", qualified, problems);
    }

    private static void CheckIpoib(SpiderMultusConfigSpec spec, bool injectRdma, bool injectNetwork, string qualified, List<MultusProblem> problems)
    {
        IpoibCniConfig? ipoib = spec.Ipoib;
        if (ipoib is null)
        {
            problems.Add(MultusProblem.Error("spec.ipoib", "no spec.ipoibConfig specified"));
            return;
        }

        if (string.IsNullOrEmpty(ipoib.Master))
        {
            problems.Add(MultusProblem.Error("spec.ipoib.master", "no spec.ipoibConfig[master] specified: name the host's IPoIB interface, e.g. ibs5f0"));
        }

        WarnMatchMasterSubnet(ipoib.Ippools, "spec.ipoib", CniTypes.Ipoib, problems);
        CheckOtherConfigs(spec, CniTypes.Ipoib, "spec.ipoibConfig", problems);
        CheckInjection(injectRdma, injectNetwork, ipoib.Master, ipoib.Ippools, "spec.ipoib", qualified, problems);
    }

    private static void CheckOvs(SpiderMultusConfigSpec spec, bool injected, List<MultusProblem> problems)
    {
        if (injected)
        {
            problems.Add(MultusProblem.Error("spec.cniType", "the cniType ovs does not support RDMA resource or network resource injected"));
        }

        OvsCniConfig? ovs = spec.Ovs;
        if (ovs is null)
        {
            problems.Add(MultusProblem.Error("spec.ovs", "no spec.ovsConfig specified"));
            return;
        }

        if (string.IsNullOrEmpty(ovs.Bridge))
        {
            problems.Add(MultusProblem.Error("spec.ovs.bridge", "no spec.ovsConfig[bridge] specified: name the OVS bridge, e.g. br1"));
        }

        CheckVlanId(ovs.Vlan, "spec.ovs.vlan", problems);
        for (int i = 0; i < (ovs.Trunk?.Count ?? 0); i++)
        {
            OvsTrunk trunk = ovs.Trunk![i];
            string at = $"spec.ovs.trunk[{i}]";
            if (trunk.MinId is < 0 or > 4094)
            {
                problems.Add(MultusProblem.Error($"{at}.minID", $"incorrect trunk minID parameter {trunk.MinId}: use 0 to 4094"));
            }

            if (trunk.MaxId is < 0 or > 4094)
            {
                problems.Add(MultusProblem.Error($"{at}.maxID", $"incorrect trunk maxID parameter {trunk.MaxId}: use 0 to 4094"));
            }
            else if (trunk.MaxId is int maxId && trunk.MinId is int minId && maxId < minId)
            {
                problems.Add(MultusProblem.Error(at, $"minID is greater than maxID in trunk parameter ({minId} > {maxId})"));
            }

            if (trunk.Id is < 0 or > 4094)
            {
                problems.Add(MultusProblem.Error($"{at}.id", $"incorrect trunk id parameter {trunk.Id}: use 0 to 4094"));
            }
        }

        WarnMatchMasterSubnet(ovs.Ippools, "spec.ovs", CniTypes.Ovs, problems);
        CheckOtherConfigs(spec, CniTypes.Ovs, "spec.ovsConfig", problems);
    }

    private static void CheckCustom(SpiderMultusConfigSpec spec, bool injected, List<MultusProblem> problems)
    {
        if (injected)
        {
            problems.Add(MultusProblem.Error("spec.cniType", "the cniType custom does not support RDMA resource or network resource injected"));
        }

        CheckOtherConfigs(spec, CniTypes.Custom, "spec.customCniTypeConfig", problems);
        if (!string.IsNullOrEmpty(spec.CustomCni) && !IsJson(spec.CustomCni))
        {
            problems.Add(MultusProblem.Error("spec.customCNI", "customCniConfig isn't a valid JSON encoding"));
        }
    }

    private static void CheckMasterInterface(MasterInterfaceCniConfig? config, string key, string upstreamField, SpiderMultusConfig smc, List<MultusProblem> problems)
    {
        string path = $"spec.{key}";
        if (config is null)
        {
            problems.Add(MultusProblem.Error(path, $"no {upstreamField} specified"));
            return;
        }

        if (config is VlanCniConfig vlan)
        {
            switch (vlan.VlanMode)
            {
                case null:
                    problems.Add(MultusProblem.Error($"{path}.vlanMode", "vlanMode must not be nil"));
                    break;
                case VlanModes.Manual when vlan.VlanId is null:
                    problems.Add(MultusProblem.Error($"{path}.vlanID", "vlanId must not be nil when vlanMode is manual"));
                    break;
                case VlanModes.Auto when vlan.VlanId is not null:
                    problems.Add(MultusProblem.Error($"{path}.vlanID", "vlanId must not be specified when vlanMode is auto: remove vlanID, the VLAN comes from the IPAM result"));
                    break;
                case VlanModes.Manual or VlanModes.Auto:
                    break;
                default:
                    problems.Add(MultusProblem.Error($"{path}.vlanMode", $"invalid vlanMode {vlan.VlanMode}, supported values are manual and auto"));
                    break;
            }
        }

        CheckVlanId(config.VlanId, $"{path}.vlanID", problems);
        CheckMtu(config.Mtu, $"{path}.mtu", problems);
        if (config.Ippools?.MatchMasterSubnet == true)
        {
            problems.Add(MultusProblem.Error($"{path}.ippools.matchMasterSubnet", $"MatchMasterSubnet feature is not supported for {key}"));
        }

        int masters = config.Master?.Count ?? 0;
        if (masters == 0)
        {
            problems.Add(MultusProblem.Error($"{path}.master", "master can't be empty: name the host interface(s), e.g. [ens192]"));
        }
        else if (masters >= 2 && config.Bond is null)
        {
            problems.Add(MultusProblem.Error($"{path}.bond", $"the bond property is nil with multiple Interfaces: {masters} masters need a bond (name and mode 0-6)"));
        }

        for (int i = 0; i < masters; i++)
        {
            if (string.IsNullOrWhiteSpace(config.Master![i]))
            {
                problems.Add(MultusProblem.Error($"{path}.master[{i}]", "master can't be empty"));
            }
        }

        if (config.Bond is not null)
        {
            if (string.IsNullOrEmpty(config.Bond.Name))
            {
                problems.Add(MultusProblem.Error($"{path}.bond.name", "bond name can't be empty"));
            }

            if (config.Bond.Mode is null)
            {
                problems.Add(MultusProblem.Error($"{path}.bond.mode", "Required value: bond mode 0-6 (e.g. 1 for active-backup)"));
            }
            else if (config.Bond.Mode is < 0 or > 6)
            {
                problems.Add(MultusProblem.Error($"{path}.bond.mode", $"Invalid value: {config.Bond.Mode}: bond mode must be in range [0,6]"));
            }
        }

        CheckOtherConfigs(smc.Spec, key, upstreamField, problems);
        Dictionary<string, string> annotations = smc.Metadata.Annotations ?? [];
        CheckInjection(
            annotations.ContainsKey(MultusAnnotations.RdmaResourceInject),
            annotations.ContainsKey(MultusAnnotations.NetworkResourceInject),
            config.RdmaResourceName,
            config.Ippools,
            path,
            $"{smc.Metadata.Namespace}/{smc.Metadata.Name}",
            problems);
    }

    private static void CheckInjection(bool injectRdma, bool injectNetwork, string? resourceName, SpiderpoolPools? pools, string path, string qualified, List<MultusProblem> problems)
    {
        bool noPools = (pools?.Ipv4?.Count ?? 0) + (pools?.Ipv6?.Count ?? 0) == 0;
        if (injectRdma)
        {
            if (string.IsNullOrEmpty(resourceName))
            {
                problems.Add(MultusProblem.Error(path, $"rdmaResourceName can not empty for spidermultusconfig {qualified}"));
            }
            else if (noPools)
            {
                problems.Add(MultusProblem.Error($"{path}.ippools", $"no any ippools configured for spidermultusconfig {qualified}"));
            }
        }

        if (injectNetwork && !string.IsNullOrEmpty(resourceName) && noPools && !injectRdma)
        {
            problems.Add(MultusProblem.Error($"{path}.ippools", $"no any ippools configured for spidermultusconfig {qualified}"));
        }
    }

    private static void CheckOtherConfigs(SpiderMultusConfigSpec spec, string cniType, string upstreamField, List<MultusProblem> problems)
    {
        var others = new List<string>();
        if (cniType != CniTypes.Macvlan && spec.Macvlan is not null)
        {
            others.Add("spec.macvlan");
        }

        if (cniType != CniTypes.Ipvlan && spec.Ipvlan is not null)
        {
            others.Add("spec.ipvlan");
        }

        if (cniType != CniTypes.Vlan && spec.Vlan is not null)
        {
            others.Add("spec.vlan");
        }

        if (cniType != CniTypes.Ovs && spec.Ovs is not null)
        {
            others.Add("spec.ovs");
        }

        if (cniType != CniTypes.Sriov && spec.Sriov is not null)
        {
            others.Add("spec.sriov");
        }

        if (cniType != CniTypes.IbSriov && spec.IbSriov is not null)
        {
            others.Add("spec.ibsriov");
        }

        if (cniType != CniTypes.Ipoib && spec.Ipoib is not null)
        {
            others.Add("spec.ipoib");
        }

        if (cniType != CniTypes.Custom && spec.CustomCni is not null)
        {
            others.Add("spec.customCNI");
        }

        if (others.Count > 0)
        {
            problems.Add(MultusProblem.Error(
                "spec.cniType",
                $"the cniType {cniType} only supports {upstreamField}, please remove other CNI configs ({string.Join(", ", others)})"));
        }
    }

    private static void CheckVlanId(int? vlanId, string path, List<MultusProblem> problems)
    {
        if (vlanId is < 0 or > 4094)
        {
            problems.Add(MultusProblem.Error(path, $"invalid vlanId {vlanId}, please make sure vlanId in range [0,4094]"));
        }
    }

    private static void CheckMtu(int? mtu, string path, List<MultusProblem> problems)
    {
        if (mtu is < 0)
        {
            problems.Add(MultusProblem.Error(path, $"MTU must be greater than or equal to 0 (got {mtu})"));
        }
    }

    private static void WarnMatchMasterSubnet(SpiderpoolPools? pools, string path, string cniType, List<MultusProblem> problems)
    {
        if (pools?.MatchMasterSubnet == true)
        {
            problems.Add(MultusProblem.Warning($"{path}.ippools.matchMasterSubnet", $"matchMasterSubnet has no effect for cniType {cniType}: only sriov networks use it"));
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // libcni ConfFromBytes: a JSON object with a string "type".
    private static string? ChainedPluginError(string text)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "error parsing configuration: a CNI plugin configuration is a JSON object";
            }

            return document.RootElement.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String && type.GetString()!.Length > 0
                ? null
                : "error parsing configuration: missing 'type'";
        }
        catch (JsonException e)
        {
            return $"error parsing configuration: {e.Message}";
        }
    }
}
