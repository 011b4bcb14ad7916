using System.Globalization;
using System.Text.Json;
using Dragline.Api.Model;
using Dragline.Api.Multus;
using Dragline.Core;

namespace Dragline.Api.Rendering;

/// <summary>
/// Renders a defaulted, valid SpiderMultusConfig into the NetworkAttachmentDefinition Spiderpool's
/// controller would create for it (reference <c>spiderpool.md</c> 2.7): same name, annotations, owner,
/// plugin order, keys and key order, and the same omission of unset fields, with the plugin type names of
/// <see cref="PluginNames"/>. Where Dragline deliberately differs, <c>docs/compatibility.md</c> says so.
/// </summary>
public sealed class NetworkAttachmentRenderer
{
    private readonly PluginNames _names;

    public NetworkAttachmentRenderer(PluginNames? names = null)
    {
        _names = names ?? PluginNames.Dragline;
    }

    /// <summary>The plugin names this renderer writes.</summary>
    public PluginNames Names => _names;

    /// <summary>
    /// The NetworkAttachmentDefinition for <paramref name="smc"/>. Run <see cref="SpiderMultusConfigDefaulter"/>
    /// and <see cref="SpiderMultusConfigValidator"/> first: a configuration they would reject is an error here.
    /// </summary>
    /// <exception cref="DraglineException">The configuration lacks what its cniType needs.</exception>
    public NetworkAttachmentDefinition Render(SpiderMultusConfig smc)
    {
        ArgumentNullException.ThrowIfNull(smc);
        SpiderMultusConfigSpec spec = smc.Spec;
        // Every annotation of the SpiderMultusConfig is copied (Spiderpool does the same).
        var annotations = new SortedDictionary<string, string>(smc.Metadata.Annotations ?? [], StringComparer.Ordinal);

        string nadName = annotations.TryGetValue(MultusAnnotations.CustomName, out string? customName)
            ? customName
            : smc.Metadata.Name ?? "";
        string cniVersion = annotations.TryGetValue(MultusAnnotations.CniVersion, out string? version)
            ? version
            : MultusAnnotations.DefaultCniVersion;
        string cniName = annotations.TryGetValue(MultusAnnotations.CniConfigName, out string? configName) && configName.Length > 0
            ? configName
            : nadName;

        string cniType = spec.CniType ?? CniTypes.Custom;
        string? config;
        if (cniType == CniTypes.Custom)
        {
            config = string.IsNullOrEmpty(spec.CustomCni) ? null : spec.CustomCni;
        }
        else
        {
            List<JsonElement> chained = ParseChained(smc);
            config = GoCompatibleJson.Write(writer =>
            {
                // Go marshals the top level from a map: keys sorted.
                writer.WriteStartObject();
                writer.WriteString("cniVersion", cniVersion);
                writer.WriteString("name", cniName);
                writer.WriteStartArray("plugins");
                WritePlugins(writer, smc, cniType, chained);
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
        }

        switch (cniType)
        {
            case CniTypes.Sriov:
                annotations[MultusAnnotations.ResourceName] = Required(smc, smc.Spec.Sriov, "sriov").ResourceName ?? "";
                break;
            case CniTypes.IbSriov:
                annotations[MultusAnnotations.ResourceName] = Required(smc, smc.Spec.IbSriov, "ibsriov").ResourceName ?? "";
                break;
            case CniTypes.Ovs when !string.IsNullOrEmpty(spec.Ovs?.DeviceId):
                annotations[MultusAnnotations.ResourceName] = $"{MultusAnnotations.OvsResourcePrefix}/{spec.Ovs.Bridge}";
                break;
        }

        return new NetworkAttachmentDefinition
        {
            Metadata = new ObjectMeta
            {
                Name = nadName,
                Namespace = smc.Metadata.Namespace,
                // Sorted, as the API server and kubectl print a map.
                Annotations = annotations.Count == 0 ? null : new Dictionary<string, string>(annotations, StringComparer.Ordinal),
                OwnerReferences =
                [
                    new OwnerReference
                    {
                        ApiVersion = SpiderMultusConfig.ApiVersionValue,
                        Kind = SpiderMultusConfig.KindValue,
                        Name = smc.Metadata.Name ?? "",
                        Uid = smc.Metadata.Uid ?? "",
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new NetworkAttachmentDefinitionSpec { Config = config },
        };
    }

    private void WritePlugins(Utf8JsonWriter writer, SpiderMultusConfig smc, string cniType, List<JsonElement> chained)
    {
        SpiderMultusConfigSpec spec = smc.Spec;
        bool ipam = spec.DisableIpam != true;

        // One method writes each cniType's main plugin (with ifacer before it and rdma after it where needed);
        // the plugins every type shares follow the switch.
        switch (cniType)
        {
            case CniTypes.Macvlan:
                WriteMacvlan(writer, smc, ipam);
                break;
            case CniTypes.Ipvlan:
                WriteIpvlan(writer, smc, ipam);
                break;
            case CniTypes.Vlan:
                WriteVlan(writer, smc, ipam);
                break;
            case CniTypes.Sriov:
                WriteSriov(writer, smc, ipam);
                break;
            case CniTypes.IbSriov:
                WriteIbSriov(writer, smc, ipam);
                break;
            case CniTypes.Ipoib:
                WriteIpoib(writer, smc, ipam);
                break;
            case CniTypes.Ovs:
                WriteOvs(writer, smc, ipam);
                break;
            default:
                throw new DraglineException(
                    DraglineErrorReason.InvalidValue,
                    $"{smc.DisplayName}: unsupported cniType \"{cniType}\"; use one of {string.Join(", ", CniTypes.All)}");
        }

        foreach (JsonElement plugin in chained)
        {
            GoCompatibleJson.WriteNormalized(writer, plugin);
        }

        if (spec.EnableCoordinator != false)
        {
            WriteCoordinator(writer, spec.Coordinator);
        }

        if (cniType == CniTypes.Sriov && spec.Sriov!.Mtu is > 0)
        {
            writer.WriteStartObject();
            writer.WriteString("type", _names.Tuning);
            writer.WriteNumber("mtu", spec.Sriov.Mtu.Value);
            writer.WriteEndObject();
        }
    }

    private void WriteMacvlan(Utf8JsonWriter writer, SpiderMultusConfig smc, bool ipam)
    {
        MacvlanCniConfig macvlan = Required(smc, smc.Spec.Macvlan, "macvlan");
        int vlanId = macvlan.VlanId ?? 0;
        if (vlanId != 0 || Count(macvlan.Master) >= 2)
        {
            WriteIfacer(writer, macvlan.Master, vlanId, macvlan.Bond);
        }

        writer.WriteStartObject();
        writer.WriteString("type", _names.Macvlan);
        writer.WriteString("master", ChildMaster(smc, macvlan, vlanId));
        writer.WriteString("mode", "bridge");
        WriteOptionalNumber(writer, "mtu", macvlan.Mtu);
        WriteIpam(writer, ipam, macvlan.Ippools, matchMasterSubnet: false);
        writer.WriteEndObject();
    }

    private void WriteIpvlan(Utf8JsonWriter writer, SpiderMultusConfig smc, bool ipam)
    {
        IpvlanCniConfig ipvlan = Required(smc, smc.Spec.Ipvlan, "ipvlan");
        int vlanId = ipvlan.VlanId ?? 0;
        if (vlanId != 0 || Count(ipvlan.Master) >= 2)
        {
            WriteIfacer(writer, ipvlan.Master, vlanId, ipvlan.Bond);
        }

        writer.WriteStartObject();
        writer.WriteString("type", _names.Ipvlan);
        writer.WriteString("master", ChildMaster(smc, ipvlan, vlanId));
        WriteOptionalNumber(writer, "mtu", ipvlan.Mtu);
        WriteIpam(writer, ipam, ipvlan.Ippools, matchMasterSubnet: false);
        writer.WriteEndObject();
    }

    private void WriteVlan(Utf8JsonWriter writer, SpiderMultusConfig smc, bool ipam)
    {
        VlanCniConfig vlan = Required(smc, smc.Spec.Vlan, "vlan");
        if (Count(vlan.Master) >= 2)
        {
            // The vlan plugin makes the VLAN interface itself: ifacer only builds the bond.
            WriteIfacer(writer, vlan.Master, 0, vlan.Bond);
        }

        writer.WriteStartObject();
        writer.WriteString("type", _names.Vlan);
        writer.WriteString("master", ChildMaster(smc, vlan, 0));
        if (vlan.VlanMode is not null)
        {
            writer.WriteString("vlanMode", vlan.VlanMode);
        }

        if (vlan.VlanMode == VlanModes.Manual)
        {
            WriteOptionalNumber(writer, "vlanId", vlan.VlanId);
        }

        WriteOptionalNumber(writer, "mtu", vlan.Mtu);
        WriteIpam(writer, ipam, vlan.Ippools, matchMasterSubnet: false);
        writer.WriteEndObject();
    }

    private void WriteSriov(Utf8JsonWriter writer, SpiderMultusConfig smc, bool ipam)
    {
        SriovCniConfig sriov = Required(smc, smc.Spec.Sriov, "sriov");
        writer.WriteStartObject();
        WriteOptionalNumber(writer, "vlan", sriov.VlanId);
        WriteOptionalNumber(writer, "min_tx_rate", sriov.MinTxRateMbps);
        WriteOptionalNumber(writer, "max_tx_rate", sriov.MaxTxRateMbps);
        writer.WriteString("type", _names.Sriov);
        WriteIpam(writer, ipam, sriov.Ippools, matchMasterSubnet: sriov.Ippools?.MatchMasterSubnet == true);
        writer.WriteEndObject();
        if (sriov.RdmaIsolation == true)
        {
            WriteTypeOnly(writer, _names.Rdma);
        }
    }

    private void WriteIbSriov(Utf8JsonWriter writer, SpiderMultusConfig smc, bool ipam)
    {
        IbSriovCniConfig ib = Required(smc, smc.Spec.IbSriov, "ibsriov");
        writer.WriteStartObject();
        writer.WriteString("type", _names.IbSriov);
        if (ib.Pkey is not null)
        {
            writer.WriteString("pkey", ib.Pkey);
        }

        if (ib.LinkState is not null)
        {
            writer.WriteString("link_state", ib.LinkState);
        }

        if (ib.RdmaIsolation is bool rdmaIsolation)
        {
            writer.WriteBoolean("rdmaIsolation", rdmaIsolation);
        }

        if (ib.EnableIbKubernetes is bool ibKubernetes)
        {
            writer.WriteBoolean("ibKubernetesEnabled", ibKubernetes);
        }

        WriteIpam(writer, ipam, ib.Ippools, matchMasterSubnet: false);
        writer.WriteEndObject();
    }

    private void WriteIpoib(Utf8JsonWriter writer, SpiderMultusConfig smc, bool ipam)
    {
        IpoibCniConfig ipoib = Required(smc, smc.Spec.Ipoib, "ipoib");
        writer.WriteStartObject();
        writer.WriteString("type", _names.Ipoib);
        if (!string.IsNullOrEmpty(ipoib.Master))
        {
            writer.WriteString("master", ipoib.Master);
        }

        WriteIpam(writer, ipam, ipoib.Ippools, matchMasterSubnet: false);
        writer.WriteEndObject();
    }

    private void WriteOvs(Utf8JsonWriter writer, SpiderMultusConfig smc, bool ipam)
    {
        OvsCniConfig ovs = Required(smc, smc.Spec.Ovs, "ovs");
        writer.WriteStartObject();
        WriteOptionalNumber(writer, "vlan", ovs.Vlan);
        writer.WriteString("type", _names.Ovs);
        writer.WriteString("bridge", ovs.Bridge ?? "");
        if (!string.IsNullOrEmpty(ovs.DeviceId))
        {
            writer.WriteString("deviceID", ovs.DeviceId);
        }

        WriteIpam(writer, ipam, ovs.Ippools, matchMasterSubnet: false);
        if (ovs.Trunk is { Count: > 0 })
        {
            writer.WriteStartArray("trunk");
            foreach (OvsTrunk trunk in ovs.Trunk)
            {
                writer.WriteStartObject();
                WriteOptionalNumber(writer, "minID", trunk.MinId);
                WriteOptionalNumber(writer, "maxID", trunk.MaxId);
                WriteOptionalNumber(writer, "id", trunk.Id);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private void WriteIfacer(Utf8JsonWriter writer, List<string>? masters, int vlanId, BondConfig? bond)
    {
        writer.WriteStartObject();
        if (vlanId != 0)
        {
            writer.WriteNumber("vlanID", vlanId);
        }

        writer.WriteString("type", _names.Ifacer);
        if (masters is { Count: > 0 })
        {
            writer.WriteStartArray("interfaces");
            foreach (string master in masters)
            {
                writer.WriteStringValue(master);
            }

            writer.WriteEndArray();
        }

        if (bond is not null)
        {
            writer.WriteStartObject("bond");
            writer.WriteString("name", bond.Name ?? "");
            writer.WriteNumber("mode", bond.Mode ?? 0);
            if (bond.Options is not null)
            {
                writer.WriteString("options", bond.Options);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private void WriteIpam(Utf8JsonWriter writer, bool enabled, SpiderpoolPools? pools, bool matchMasterSubnet)
    {
        if (!enabled)
        {
            return;
        }

        writer.WriteStartObject("ipam");
        writer.WriteString("type", _names.Ipam);
        WriteStringList(writer, "default_ipv4_ippool", pools?.Ipv4);
        WriteStringList(writer, "default_ipv6_ippool", pools?.Ipv6);
        if (matchMasterSubnet)
        {
            writer.WriteBoolean("match_master_subnet", true);
        }

        writer.WriteEndObject();
    }

    private void WriteCoordinator(Utf8JsonWriter writer, CoordinatorSpec? coordinator)
    {
        writer.WriteStartObject();
        if (coordinator is not null)
        {
            WriteOptionalNumber(writer, "txQueueLen", coordinator.TxQueueLen);
            if (!string.IsNullOrEmpty(coordinator.VethLinkAddress))
            {
                writer.WriteString("vethLinkAddress", coordinator.VethLinkAddress);
            }

            WriteOptionalNumber(writer, "vethMTU", coordinator.VethMtu);
            if (coordinator.TunePodRoutes is bool tune)
            {
                writer.WriteBoolean("tunePodRoutes", tune);
            }

            if (!string.IsNullOrEmpty(coordinator.PodMacPrefix))
            {
                writer.WriteString("podMACPrefix", coordinator.PodMacPrefix);
            }

            if (!string.IsNullOrEmpty(coordinator.Mode))
            {
                writer.WriteString("mode", CoordinatorModes.PluginSpelling(coordinator.Mode));
            }
        }

        writer.WriteString("type", _names.Coordinator);
        if (coordinator is not null)
        {
            if (!string.IsNullOrEmpty(coordinator.PodDefaultRouteNic))
            {
                writer.WriteString("podDefaultRouteNic", coordinator.PodDefaultRouteNic);
            }

            // Spiderpool writes podRPFilter only when podCIDRType is also set, and never hostRuleTable:
            // Dragline writes both whenever the network sets them (docs/compatibility.md, "Rendering").
            WriteOptionalNumber(writer, "hostRuleTable", coordinator.HostRuleTable);
            WriteOptionalNumber(writer, "podRPFilter", coordinator.PodRpFilter);
            WriteStringList(writer, "hijackCIDR", coordinator.HijackCidr);
            if (coordinator.PolicyRoutes is { Count: > 0 })
            {
                writer.WriteStartArray("policyRoutes");
                foreach (CoordinatorPolicyRoute route in coordinator.PolicyRoutes)
                {
                    writer.WriteStartObject();
                    writer.WriteString("dst", route.Dst);
                    writer.WriteString("gw", route.Gw);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteTypeOnly(Utf8JsonWriter writer, string type)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteEndObject();
    }

    private static void WriteOptionalNumber(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is int number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteStringList(Utf8JsonWriter writer, string name, List<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static int Count(List<string>? masters) => masters?.Count ?? 0;

    // The child's master: the single NIC, else the bond; with a VLAN, the VLAN interface ifacer makes on it.
    private static string ChildMaster(SpiderMultusConfig smc, MasterInterfaceCniConfig config, int vlanId)
    {
        string master = Count(config.Master) == 1
            ? config.Master![0]
            : config.Bond?.Name ?? throw new DraglineException(
                DraglineErrorReason.InvalidValue,
                $"{smc.DisplayName}: the bond property is nil with multiple Interfaces; set bond.name and bond.mode");
        return vlanId != 0 ? string.Create(CultureInfo.InvariantCulture, $"{master}.{vlanId}") : master;
    }

    private static T Required<T>(SpiderMultusConfig smc, T? config, string key)
        where T : class
        => config ?? throw new DraglineException(
            DraglineErrorReason.InvalidValue,
            $"{smc.DisplayName}: cniType {smc.Spec.CniType} needs spec.{key}");

    private static List<JsonElement> ParseChained(SpiderMultusConfig smc)
    {
        var plugins = new List<JsonElement>();
        if (smc.Spec.ChainCniJsonData is null)
        {
            return plugins;
        }

        for (int i = 0; i < smc.Spec.ChainCniJsonData.Count; i++)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(smc.Spec.ChainCniJsonData[i]);
                plugins.Add(document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new DraglineException(
                    DraglineErrorReason.InvalidValue,
                    $"{smc.DisplayName}: spec.chainCNIJsonData[{i}] is not valid JSON: {e.Message}",
                    e);
            }
        }

        return plugins;
    }
}
