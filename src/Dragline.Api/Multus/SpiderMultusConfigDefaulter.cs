using System.Net;

namespace Dragline.Api.Multus;

/// <summary>
/// Fills in a SpiderMultusConfig the way Spiderpool's mutating webhook and the CRD defaults do
/// (reference <c>spiderpool.md</c> 2.6), and accepts older spellings with a warning.
/// </summary>
public static class SpiderMultusConfigDefaulter
{
    /// <summary>Defaults <paramref name="smc"/> in place and returns what it had to say about it.</summary>
    public static IReadOnlyList<MultusProblem> Apply(SpiderMultusConfig smc)
    {
        ArgumentNullException.ThrowIfNull(smc);
        var problems = new List<MultusProblem>();
        SpiderMultusConfigSpec spec = smc.Spec;
        spec.CniType ??= CniTypes.Custom;

        AcceptOlderSpellings(spec, problems);

        switch (spec.CniType)
        {
            case CniTypes.Macvlan:
                DefaultMasterInterface(spec.Macvlan);
                break;
            case CniTypes.Ipvlan:
                DefaultMasterInterface(spec.Ipvlan);
                break;
            case CniTypes.Vlan when spec.Vlan is not null:
                spec.Vlan.VlanMode ??= VlanModes.Manual;
                if (spec.Vlan.VlanMode == VlanModes.Manual)
                {
                    spec.Vlan.VlanId ??= 0;
                }

                DefaultMasterInterface(spec.Vlan);
                break;
            case CniTypes.Sriov when spec.Sriov is not null:
                SriovCniConfig sriov = spec.Sriov;
                sriov.VlanId ??= 0;
                sriov.Mtu ??= 0;
                sriov.MinTxRateMbps ??= 0;
                sriov.MaxTxRateMbps ??= 0;
                sriov.RdmaIsolation ??= false;
                sriov.ResourceName ??= "";
                sriov.Ippools ??= EmptyPools();
                sriov.Ippools.MatchMasterSubnet ??= false;
                break;
            case CniTypes.IbSriov when spec.IbSriov is not null:
                IbSriovCniConfig ib = spec.IbSriov;
                ib.Pkey ??= "";
                ib.EnableIbKubernetes ??= false;
                ib.RdmaIsolation ??= true;
                ib.ResourceName ??= "";
                ib.LinkState ??= "enable";
                ib.Ippools ??= EmptyPools();
                break;
            case CniTypes.Ipoib when spec.Ipoib is not null:
                spec.Ipoib.Ippools ??= EmptyPools();
                break;
            case CniTypes.Ovs when spec.Ovs is not null:
                spec.Ovs.Vlan ??= 0;
                spec.Ovs.Ippools ??= EmptyPools();
                break;
            case CniTypes.Custom:
                spec.CustomCni ??= "";
                break;
        }

        if (spec.CniType == CniTypes.Custom)
        {
            spec.Coordinator = null;
            spec.EnableCoordinator = false;
        }
        else
        {
            spec.EnableCoordinator ??= true;
            spec.Coordinator = DefaultCoordinator(spec.Coordinator);
        }

        spec.DisableIpam ??= false;
        spec.ChainCniJsonData ??= [];

        // The pod webhook selects networks by these, so they are mirrored into labels.
        foreach (string key in (string[])[MultusAnnotations.RdmaResourceInject, MultusAnnotations.NetworkResourceInject])
        {
            if (smc.Metadata.Annotations?.TryGetValue(key, out string? value) == true)
            {
                smc.Metadata.Labels ??= [];
                smc.Metadata.Labels[key] = value;
            }
        }

        return problems;
    }

    private static void AcceptOlderSpellings(SpiderMultusConfigSpec spec, List<MultusProblem> problems)
    {
        // Spiderpool's own InfiniBand guide (the seed) writes the ib-sriov settings under `sriov:`.
        if (spec.CniType == CniTypes.IbSriov && spec.IbSriov is null && spec.Sriov is not null)
        {
            SriovCniConfig old = spec.Sriov;
            problems.Add(MultusProblem.Warning(
                "spec.sriov",
                "cniType ib-sriov reads its settings from spec.ibsriov; spec.sriov is an older spelling, accepted as spec.ibsriov: rename the key to ibsriov"));
            foreach ((string field, bool set) in (ReadOnlySpan<(string, bool)>)[
                ("vlanID", old.VlanId is not null),
                ("mtu", old.Mtu is not null),
                ("minTxRateMbps", old.MinTxRateMbps is not null),
                ("maxTxRateMbps", old.MaxTxRateMbps is not null)])
            {
                if (set)
                {
                    problems.Add(MultusProblem.Error(
                        $"spec.sriov.{field}",
                        $"{field} is an Ethernet SR-IOV setting and has no meaning for cniType ib-sriov: remove it"));
                }
            }

            spec.IbSriov = new IbSriovCniConfig
            {
                ResourceName = old.ResourceName,
                RdmaIsolation = old.RdmaIsolation,
                Ippools = old.Ippools,
                ExtensionData = old.ExtensionData,
            };
            spec.Sriov = null;
        }
    }

    private static void DefaultMasterInterface(MasterInterfaceCniConfig? config)
    {
        if (config is null)
        {
            return;
        }

        config.VlanId ??= config is VlanCniConfig ? null : 0;
        if (config.Bond is not null)
        {
            config.Bond.Options ??= "";
        }

        config.Mtu ??= 0;
        config.RdmaResourceName ??= "";
        config.Ippools ??= EmptyPools();
    }

    private static SpiderpoolPools EmptyPools() => new() { Ipv4 = [], Ipv6 = [] };

    /// <summary>
    /// The coordinator defaults of a network. Unlike Spiderpool, podRPFilter and hostRuleTable are left
    /// unset so that they fall back to the SpiderCoordinator (docs/compatibility.md, "Rendering").
    /// </summary>
    private static CoordinatorSpec DefaultCoordinator(CoordinatorSpec? coordinator)
    {
        coordinator ??= new CoordinatorSpec { VethLinkAddress = "" };
        coordinator.Mode ??= CoordinatorModes.Auto;
        coordinator.HijackCidr ??= [];
        coordinator.PolicyRoutes ??= [];
        coordinator.PodMacPrefix ??= "";
        coordinator.PodDefaultRouteNic ??= "";
        coordinator.TunePodRoutes ??= true;
        coordinator.TxQueueLen ??= 0;
        NormalizeCidrs(coordinator);
        return coordinator;
    }

    /// <summary>Bare addresses in hijackCIDR and policy route destinations become /32 or /128 prefixes.</summary>
    internal static void NormalizeCidrs(CoordinatorSpec coordinator)
    {
        if (coordinator.HijackCidr is not null)
        {
            for (int i = 0; i < coordinator.HijackCidr.Count; i++)
            {
                coordinator.HijackCidr[i] = AsPrefix(coordinator.HijackCidr[i]);
            }
        }

        foreach (CoordinatorPolicyRoute route in coordinator.PolicyRoutes ?? [])
        {
            route.Dst = AsPrefix(route.Dst);
        }
    }

    private static string AsPrefix(string value) =>
        !value.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(value, out IPAddress? address)
            ? $"{value}/{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)}"
            : value;
}
