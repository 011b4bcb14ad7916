using Dragline.Api.Multus;
using Dragline.Api.Tests.Rendering;

namespace Dragline.Api.Tests.Multus;

public sealed class SpiderMultusConfigDefaulterTests
{
    [Fact]
    public void MissingCniTypeBecomesCustomWithoutCoordinator()
    {
        var smc = new SpiderMultusConfig { Spec = new SpiderMultusConfigSpec { EnableCoordinator = true, Coordinator = new CoordinatorSpec() } };
        Assert.Empty(SpiderMultusConfigDefaulter.Apply(smc));
        Assert.Equal((CniTypes.Custom, false, null, ""), (smc.Spec.CniType, smc.Spec.EnableCoordinator, smc.Spec.Coordinator, smc.Spec.CustomCni));
        Assert.NotNull(smc.Spec.ChainCniJsonData);
    }

    [Fact]
    public void SriovGetsWebhookZeros()
    {
        var smc = new SpiderMultusConfig { Spec = new SpiderMultusConfigSpec { CniType = CniTypes.Sriov, Sriov = new SriovCniConfig { ResourceName = "a/b" } } };
        SpiderMultusConfigDefaulter.Apply(smc);
        SriovCniConfig sriov = smc.Spec.Sriov!;
        Assert.Equal((0, 0, 0, 0, false, false), (sriov.VlanId, sriov.Mtu, sriov.MinTxRateMbps, sriov.MaxTxRateMbps, sriov.RdmaIsolation, sriov.Ippools!.MatchMasterSubnet));
    }

    [Fact]
    public void IbSriovIsolatesRdmaByDefault()
    {
        var smc = new SpiderMultusConfig { Spec = new SpiderMultusConfigSpec { CniType = CniTypes.IbSriov, IbSriov = new IbSriovCniConfig { ResourceName = "a/b" } } };
        SpiderMultusConfigDefaulter.Apply(smc);
        IbSriovCniConfig ib = smc.Spec.IbSriov!;
        Assert.Equal(("", "enable", true, false), (ib.Pkey, ib.LinkState, ib.RdmaIsolation, ib.EnableIbKubernetes));
    }

    [Fact]
    public void VlanAutoGetsNoVlanId()
    {
        var smc = new SpiderMultusConfig { Spec = new SpiderMultusConfigSpec { CniType = CniTypes.Vlan, Vlan = new VlanCniConfig { Master = ["eth1"], VlanMode = VlanModes.Auto } } };
        SpiderMultusConfigDefaulter.Apply(smc);
        Assert.Null(smc.Spec.Vlan!.VlanId);
        Assert.Equal(0, smc.Spec.Vlan.Mtu);
    }

    [Fact]
    public void CoordinatorDefaultsLeaveRpFilterAndRuleTableToTheClusterDefault()
    {
        var smc = new SpiderMultusConfig { Spec = new SpiderMultusConfigSpec { CniType = CniTypes.Macvlan, Macvlan = new MacvlanCniConfig { Master = ["eth1"] } } };
        SpiderMultusConfigDefaulter.Apply(smc);
        CoordinatorSpec c = smc.Spec.Coordinator!;
        Assert.Equal(("auto", true, 0, null, null), (c.Mode, c.TunePodRoutes, c.TxQueueLen, c.PodRpFilter, c.HostRuleTable));
        Assert.True(smc.Spec.EnableCoordinator);
        Assert.False(smc.Spec.DisableIpam);
    }

    [Fact]
    public void BareAddressesInCoordinatorBecomeHostPrefixes()
    {
        var smc = new SpiderMultusConfig
        {
            Spec = new SpiderMultusConfigSpec
            {
                CniType = CniTypes.Macvlan,
                Macvlan = new MacvlanCniConfig { Master = ["eth1"] },
                Coordinator = new CoordinatorSpec
                {
                    HijackCidr = ["10.233.0.10", "fd00::a", "169.254.0.0/16"],
                    PolicyRoutes = [new CoordinatorPolicyRoute { Dst = "10.20.0.5", Gw = "172.18.0.1" }],
                },
            },
        };
        SpiderMultusConfigDefaulter.Apply(smc);
        Assert.Equal(["10.233.0.10/32", "fd00::a/128", "169.254.0.0/16"], smc.Spec.Coordinator!.HijackCidr!);
        Assert.Equal("10.20.0.5/32", smc.Spec.Coordinator.PolicyRoutes![0].Dst);
    }

    [Fact]
    public void SeedSpellingOfIbSriovMovesToIbsriovWithWarning()
    {
        SpiderMultusConfig smc = RenderTestData.Load("""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderMultusConfig
            metadata:
              name: ib-sriov
              namespace: kube-system
            spec:
              cniType: ib-sriov
              sriov:
                resourceName: spidernet.io/mellanoxibsriov
                ippools:
                  ipv4: ["v4-81"]
            """).Configs.Single();
        Assert.Null(smc.Spec.Sriov);
        Assert.Equal(("spidernet.io/mellanoxibsriov", true), (smc.Spec.IbSriov!.ResourceName, smc.Spec.IbSriov.RdmaIsolation));
        Assert.Equal(["v4-81"], smc.Spec.IbSriov.Ippools!.Ipv4!);
    }
}
