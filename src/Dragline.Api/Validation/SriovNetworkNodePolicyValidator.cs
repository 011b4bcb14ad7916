using System.Text.RegularExpressions;
using Dragline.Api.Model.Sriov;

namespace Dragline.Api.Validation;

/// <summary>
/// The SR-IOV network operator's SriovNetworkNodePolicy webhooks: defaults (1.4) and every static rule (1.5),
/// in upstream order; the checks against other policies run against the policies in the context.
/// </summary>
public sealed partial class SriovNetworkNodePolicyValidator : ObjectValidator<SriovNetworkNodePolicy>
{
    private const int MaxResourceNameLength = 63;
    private const int MellanoxMaxVfs = 128;

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$")]
    private static partial Regex ResourceNamePattern();

    protected override void ApplyDefaults(SriovNetworkNodePolicy obj, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj.Metadata.Name == "default")
        {
            return;
        }

        SriovNetworkNodePolicySpec spec = obj.Spec;
        spec.Priority ??= 99;
        spec.IsRdma ??= false;
        spec.DeviceType ??= "netdevice";
        if (string.Equals(spec.LinkType, "IB", StringComparison.OrdinalIgnoreCase) && spec.DeviceType != "vfio-pci")
        {
            spec.IsRdma = true;
        }
    }

    protected override void Validate(SriovNetworkNodePolicy obj, SriovNetworkNodePolicy? oldObject, ValidationContext context, ValidationProblemCollector problems)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        SriovNetworkNodePolicySpec spec = obj.Spec;
        string name = obj.Metadata.Name ?? "";

        CheckSchema(spec, problems);
        CheckStatic(spec, name, context, problems);

        string? operatorNamespace = context.Settings.SriovOperatorNamespace;
        if (operatorNamespace is not null && (obj.Metadata.Namespace ?? "default") != operatorNamespace)
        {
            problems.Warning("metadata.namespace", $"{name} is created or updated but not used. Only policy in {operatorNamespace} namespace is respected.");
        }

        CheckAgainstOthers(obj, context, problems);
    }

    /// <summary>The CRD's OpenAPI schema: required fields, ranges and enums.</summary>
    private static void CheckSchema(SriovNetworkNodePolicySpec spec, ValidationProblemCollector problems)
    {
        if (spec.NodeSelector is null)
        {
            problems.Error("spec.nodeSelector", "Required value");
        }

        if (spec.NicSelector is null)
        {
            problems.Error("spec.nicSelector", "Required value");
        }

        if (spec.NumVfs is null)
        {
            problems.Error("spec.numVfs", "Required value");
        }
        else if (spec.NumVfs < 0)
        {
            problems.Error("spec.numVfs", $"Invalid value: {spec.NumVfs}: spec.numVfs in body should be greater than or equal to 0");
        }

        if (spec.Priority is < 0 or > 99)
        {
            string bound = spec.Priority < 0 ? "greater than or equal to 0" : "less than or equal to 99";
            problems.Error("spec.priority", $"Invalid value: {spec.Priority}: spec.priority in body should be {bound}");
        }

        if (spec.Mtu is < 1)
        {
            problems.Error("spec.mtu", $"Invalid value: {spec.Mtu}: spec.mtu in body should be greater than or equal to 1");
        }

        CheckEnum(spec.DeviceType, "spec.deviceType", ["netdevice", "vfio-pci"], problems);
        CheckEnum(spec.LinkType, "spec.linkType", ["eth", "ETH", "ib", "IB"], problems);
        CheckEnum(spec.ESwitchMode, "spec.eSwitchMode", ["legacy", "switchdev"], problems);
        CheckEnum(spec.VdpaType, "spec.vdpaType", ["virtio", "vhost"], problems);
    }

    private static void CheckEnum(string? value, string path, string[] allowed, ValidationProblemCollector problems)
    {
        if (value is not null && !allowed.Contains(value))
        {
            problems.Error(path, $"Unsupported value: \"{value}\": supported values: {string.Join(", ", allowed.Select(a => $"\"{a}\""))}");
        }
    }

    /// <summary>The webhook's static checks (sriov-rdma.md 1.5), in upstream order.</summary>
    private static void CheckStatic(SriovNetworkNodePolicySpec spec, string name, ValidationContext context, ValidationProblemCollector problems)
    {
        string resourceName = spec.ResourceName ?? "";
        if (resourceName.Length == 0)
        {
            problems.Error("spec.resourceName", "resource name must not be empty");
        }
        else if (resourceName.Length > MaxResourceNameLength)
        {
            problems.Error("spec.resourceName", $"resource name \"{resourceName}\" must be no more than {MaxResourceNameLength} characters");
        }
        else if (!ResourceNamePattern().IsMatch(resourceName))
        {
            problems.Error("spec.resourceName", $"resource name \"{resourceName}\" is invalid: must consist of alphanumeric characters or hyphens, and must start and end with an alphanumeric character (e.g. 'mellanoxibsriov', regex used for validation is '^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$')");
        }

        SriovNetworkNicSelector nic = spec.NicSelector ?? new SriovNetworkNicSelector();
        bool hasVendor = !string.IsNullOrEmpty(nic.Vendor);
        bool hasDevice = !string.IsNullOrEmpty(nic.DeviceID);
        bool hasPfNames = nic.PfNames is { Count: > 0 };
        bool hasRootDevices = nic.RootDevices is { Count: > 0 };
        bool hasNetFilter = !string.IsNullOrEmpty(nic.NetFilter);
        if (spec.NicSelector is not null && !hasVendor && !hasDevice && !hasPfNames && !hasRootDevices && !hasNetFilter)
        {
            problems.Error("spec.nicSelector", $"at least one of these parameters (vendor, deviceID, pfNames, rootDevices or netFilter) has to be defined in nicSelector in CR {name}");
        }

        if (hasNetFilter)
        {
            if (hasVendor || hasDevice || hasPfNames || hasRootDevices)
            {
                problems.Error("spec.nicSelector.netFilter", "nicSelector fields vendor, deviceID, pfNames, and rootDevices are not allowed when netFilter is specified");
            }

            if (!string.IsNullOrEmpty(spec.ESwitchMode))
            {
                problems.Error("spec.eSwitchMode", "eSwitchMode is not supported when netFilter is specified");
            }

            if (spec.Bridge is not null)
            {
                problems.Error("spec.bridge", "bridge configuration is not supported when netFilter is specified");
            }

            if (!string.IsNullOrEmpty(spec.LinkType) && !string.Equals(spec.LinkType, "eth", StringComparison.OrdinalIgnoreCase))
            {
                problems.Error("spec.linkType", $"linkType \"{spec.LinkType}\" is not allowed when netFilter is specified, only 'eth' or 'ETH' are supported");
            }
        }

        CheckSupportedNic(nic, context.Settings.SupportedNicIds, problems);

        long numVfs = spec.NumVfs ?? 0;
        for (int i = 0; i < (nic.PfNames?.Count ?? 0); i++)
        {
            if (!SriovPfNameSelector.TryParse(nic.PfNames![i], numVfs, out _, out string? error))
            {
                problems.Error($"spec.nicSelector.pfNames[{i}]", error);
            }
        }

        bool isIb = string.Equals(spec.LinkType, "ib", StringComparison.OrdinalIgnoreCase);
        if (spec.DeviceType == "vfio-pci" && spec.IsRdma == true)
        {
            problems.Error("spec.deviceType", "'deviceType: vfio-pci' conflicts with 'isRdma: true'; Set 'deviceType' to (string)'netdevice' Or Set 'isRdma' to (bool)'false'");
        }

        if (isIb && spec.ESwitchMode == "switchdev")
        {
            problems.Error("spec.eSwitchMode", "'eSwitchMode: switchdev' can be used only with ethernet links");
        }

        if (!string.IsNullOrEmpty(spec.VdpaType))
        {
            if (spec.DeviceType is not null and not "netdevice")
            {
                problems.Error("spec.deviceType", $"'deviceType: {spec.DeviceType}' conflicts with '{spec.VdpaType}'; Set 'deviceType' to (string)'netdevice' Or Remove 'vdpaType'");
            }

            if (spec.ESwitchMode != "switchdev")
            {
                problems.Error("spec.vdpaType", "vdpa requires the device to be configured in switchdev mode");
            }
        }

        if (spec.Bridge is not null)
        {
            if (spec.ESwitchMode != "switchdev")
            {
                problems.Error("spec.bridge", "software bridge management requires the device to be configured in switchdev mode");
            }

            if (spec.ExternallyManaged == true)
            {
                problems.Error("spec.bridge", "software bridge management can't be used when the device externally managed");
            }
        }

        // Judged per selected PF upstream; numVfs 0 fails for whichever PF is selected, and a Mellanox vendor bounds every PF.
        if (spec.NumVfs == 0 && spec.NicSelector is not null)
        {
            problems.Error("spec.numVfs", $"numVfs({spec.NumVfs}) in CR {name} is not allowed");
        }
        else if (string.Equals(nic.Vendor, "15b3", StringComparison.OrdinalIgnoreCase) && spec.NumVfs > MellanoxMaxVfs)
        {
            string iface = nic.PfNames?.FirstOrDefault() ?? nic.RootDevices?.FirstOrDefault() ?? "";
            problems.Error("spec.numVfs", $"numVfs({spec.NumVfs}) in CR {name} exceed the maximum allowed value({MellanoxMaxVfs}) interface({iface})");
        }
    }

    private static void CheckSupportedNic(SriovNetworkNicSelector nic, IReadOnlyList<string>? supported, ValidationProblemCollector problems)
    {
        if (supported is null)
        {
            return;
        }

        var entries = supported.Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length == 3).ToList();
        bool hasVendor = !string.IsNullOrEmpty(nic.Vendor);
        bool hasDevice = !string.IsNullOrEmpty(nic.DeviceID);
        if (hasVendor && !entries.Any(e => string.Equals(e[0], nic.Vendor, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Error("spec.nicSelector.vendor", $"vendor {nic.Vendor} is not supported");
        }
        else if (hasVendor && hasDevice && !entries.Any(e => string.Equals(e[0], nic.Vendor, StringComparison.OrdinalIgnoreCase)
            && (string.Equals(e[1], nic.DeviceID, StringComparison.OrdinalIgnoreCase) || string.Equals(e[2], nic.DeviceID, StringComparison.OrdinalIgnoreCase))))
        {
            problems.Error("spec.nicSelector.deviceID", $"vendor/device {nic.Vendor}/{nic.DeviceID} is not supported");
        }
        else if (!hasVendor && hasDevice && !entries.Any(e => string.Equals(e[1], nic.DeviceID, StringComparison.OrdinalIgnoreCase)
            || string.Equals(e[2], nic.DeviceID, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Error("spec.nicSelector.deviceID", $"device {nic.DeviceID} is not supported");
        }
    }

    /// <summary>
    /// Upstream compares policies that select the same node. Offline there are no nodes: identical node selectors
    /// surely share nodes (error, as upstream); compatible ones may (warning).
    /// </summary>
    private static void CheckAgainstOthers(SriovNetworkNodePolicy obj, ValidationContext context, ValidationProblemCollector problems)
    {
        SriovNetworkNodePolicySpec spec = obj.Spec;
        foreach (SriovNetworkNodePolicy other in context.OfType<SriovNetworkNodePolicy>())
        {
            if (other.Metadata.Name == obj.Metadata.Name || other.Metadata.Namespace != obj.Metadata.Namespace || other.Metadata.Name == "default")
            {
                continue;
            }

            Dictionary<string, string> mine = spec.NodeSelector ?? [];
            Dictionary<string, string> theirs = other.Spec.NodeSelector ?? [];
            bool same = mine.Count == theirs.Count && mine.All(p => theirs.TryGetValue(p.Key, out string? v) && v == p.Value);
            bool compatible = mine.All(p => !theirs.TryGetValue(p.Key, out string? v) || v == p.Value);
            if (!compatible)
            {
                continue;
            }

            Action<string, string> report = same ? problems.Error : problems.Warning;
            string suffix = same ? "" : " (if both select a common node)";
            CompareWith(obj, other, (path, message) => report(path, message + suffix));
        }
    }

    private static void CompareWith(SriovNetworkNodePolicy obj, SriovNetworkNodePolicy other, Action<string, string> report)
    {
        SriovNetworkNodePolicySpec spec = obj.Spec;
        SriovNetworkNodePolicySpec theirs = other.Spec;
        string otherName = other.Metadata.Name ?? "";
        long numVfs = spec.NumVfs ?? 0;
        long otherNumVfs = theirs.NumVfs ?? 0;
        List<string> pfNames = spec.NicSelector?.PfNames ?? [];
        List<string> otherPfNames = theirs.NicSelector?.PfNames ?? [];
        for (int i = 0; i < pfNames.Count; i++)
        {
            if (!SriovPfNameSelector.TryParse(pfNames[i], numVfs, out SriovPfNameSelector mine, out _) || numVfs <= 0)
            {
                continue;
            }

            foreach (string otherText in otherPfNames)
            {
                if (!SriovPfNameSelector.TryParse(otherText, otherNumVfs, out SriovPfNameSelector their, out _) || their.Name != mine.Name || otherNumVfs <= 0)
                {
                    continue;
                }

                (long a1, long a2) = mine.VfRange(numVfs);
                (long b1, long b2) = their.VfRange(otherNumVfs);
                if (a1 <= b2 && b1 <= a2)
                {
                    report($"spec.nicSelector.pfNames[{i}]", $"VF index range in {pfNames[i]} is overlapped with existing policy {otherName}");
                }

                if ((spec.ExternallyManaged ?? false) != (theirs.ExternallyManaged ?? false))
                {
                    report("spec.externallyManaged", $"externallyManage is inconsistent with existing policy {otherName}");
                }
            }
        }

        List<string> rootDevices = spec.NicSelector?.RootDevices ?? [];
        List<string> otherRootDevices = theirs.NicSelector?.RootDevices ?? [];
        for (int i = 0; i < rootDevices.Count; i++)
        {
            if (otherRootDevices.Contains(rootDevices[i], StringComparer.OrdinalIgnoreCase))
            {
                report($"spec.nicSelector.rootDevices[{i}]", $"root device {rootDevices[i]} is overlapped with existing policy {otherName}");
            }
        }

        if (!string.IsNullOrEmpty(spec.ResourceName) && spec.ResourceName == theirs.ResourceName
            && (spec.ExcludeTopology ?? false) != (theirs.ExcludeTopology ?? false))
        {
            string mine = (spec.ExcludeTopology ?? false) ? "true" : "false";
            string theirsText = (theirs.ExcludeTopology ?? false) ? "true" : "false";
            report("spec.excludeTopology", $"excludeTopology[{mine}] field conflicts with policy [{otherName}].ExcludeTopology[{theirsText}] as they target the same resource[{spec.ResourceName}]");
        }
    }
}
