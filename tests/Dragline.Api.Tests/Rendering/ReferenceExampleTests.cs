using Dragline.Api.Multus;
using Dragline.Api.Rendering;

namespace Dragline.Api.Tests.Rendering;

/// <summary>
/// The worked examples of the Spiderpool reference (spiderpool.md 2.8, "code v1.2" outputs), rendered with
/// the upstream plugin names: the configuration string must be byte-identical to what Spiderpool stores.
/// </summary>
public sealed class ReferenceExampleTests
{
    private const string Coordinator = """{"txQueueLen":0,"tunePodRoutes":true,"mode":"auto","type":"coordinator"}""";

    private static string Smc(string name, string spec) => $"""
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderMultusConfig
        metadata:
          name: {name}
          namespace: kube-system
        spec:
        {spec}
        """;

    private static string Upstream(string yaml) => RenderTestData.RenderConfig(yaml, PluginNames.Upstream);

    [Fact]
    public void Macvlan()
    {
        string yaml = Smc("macvlan-ens192", """
              cniType: macvlan
              enableCoordinator: true
              macvlan:
                master: [ens192]
            """);
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"macvlan-ens192","plugins":[{"type":"macvlan","master":"ens192","mode":"bridge","mtu":0,"ipam":{"type":"spiderpool"}},""" + Coordinator + "]}",
            Upstream(yaml));
    }

    [Fact]
    public void MacvlanWithPolicyRoutes()
    {
        string yaml = Smc("macvlan-ens192", """
              cniType: macvlan
              macvlan:
                master: [ens192]
              coordinator:
                policyRoutes:
                - dst: 10.10.0.0/16
                  gw: 172.18.0.1
            """);
        Assert.EndsWith(
            """{"txQueueLen":0,"tunePodRoutes":true,"mode":"auto","type":"coordinator","policyRoutes":[{"dst":"10.10.0.0/16","gw":"172.18.0.1"}]}]}""",
            Upstream(yaml));
    }

    [Fact]
    public void ChainedPluginGoesBeforeCoordinatorWithSortedKeys()
    {
        string yaml = Smc("macvlan-ens192", """
              cniType: macvlan
              macvlan:
                master: [ens192]
              chainCNIJsonData:
              - '{"type":"tuning","sysctl":{"net.core.somaxconn":"4096"}}'
            """);
        Assert.EndsWith(
            "\"ipam\":{\"type\":\"spiderpool\"}}," + """{"sysctl":{"net.core.somaxconn":"4096"},"type":"tuning"},""" + Coordinator + "]}",
            Upstream(yaml));
    }

    [Fact]
    public void IpvlanOnVlanHasIfacerFirstAndNoMode()
    {
        string yaml = Smc("ipvlan-ens192-vlan100", """
              cniType: ipvlan
              ipvlan:
                master: [ens192]
                vlanID: 100
            """);
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"ipvlan-ens192-vlan100","plugins":[{"vlanID":100,"type":"ifacer","interfaces":["ens192"]},{"type":"ipvlan","master":"ens192.100","mtu":0,"ipam":{"type":"spiderpool"}},""" + Coordinator + "]}",
            Upstream(yaml));
    }

    [Fact]
    public void BondOfTwoMasters()
    {
        string yaml = Smc("macvlan-bond", """
              cniType: macvlan
              macvlan:
                master: [ens192, ens224]
                bond:
                  name: bond0
                  mode: 1
            """);
        Assert.StartsWith(
            """{"cniVersion":"0.3.1","name":"macvlan-bond","plugins":[{"type":"ifacer","interfaces":["ens192","ens224"],"bond":{"name":"bond0","mode":1,"options":""}},{"type":"macvlan","master":"bond0","mode":"bridge",""",
            Upstream(yaml));
    }

    [Fact]
    public void BondWithVlan()
    {
        string yaml = Smc("macvlan-bond", """
              cniType: macvlan
              macvlan:
                master: [ens192, ens224]
                vlanID: 100
                bond:
                  name: bond0
                  mode: 1
            """);
        Assert.StartsWith(
            """{"cniVersion":"0.3.1","name":"macvlan-bond","plugins":[{"vlanID":100,"type":"ifacer","interfaces":["ens192","ens224"],"bond":{"name":"bond0","mode":1,"options":""}},{"type":"macvlan","master":"bond0.100","mode":"bridge",""",
            Upstream(yaml));
    }

    [Fact]
    public void Vlan()
    {
        string yaml = Smc("vlan-ens192", """
              cniType: vlan
              vlan:
                master: [ens192]
                vlanID: 100
            """);
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"vlan-ens192","plugins":[{"type":"vlan","master":"ens192","vlanMode":"manual","vlanId":100,"mtu":0,"ipam":{"type":"spiderpool"}},""" + Coordinator + "]}",
            Upstream(yaml));
    }

    [Fact]
    public void VlanBondHasIfacerWithoutVlanId()
    {
        string yaml = Smc("vlan-bond100", """
              cniType: vlan
              vlan:
                master: [ens192, ens224]
                vlanID: 100
                mtu: 1480
                bond:
                  name: bond0
                  mode: 1
            """);
        Assert.StartsWith(
            """{"cniVersion":"0.3.1","name":"vlan-bond100","plugins":[{"type":"ifacer","interfaces":["ens192","ens224"],"bond":{"name":"bond0","mode":1,"options":""}},{"type":"vlan","master":"bond0","vlanMode":"manual","vlanId":100,"mtu":1480,"ipam":{"type":"spiderpool"}}""",
            Upstream(yaml));
    }

    [Fact]
    public void Sriov()
    {
        string yaml = Smc("sriov-demo", """
              cniType: sriov
              sriov:
                resourceName: spidernet.io/sriov_netdeivce
                vlanID: 100
            """);
        NetworkAttachmentDefinition nad = new NetworkAttachmentRenderer(PluginNames.Upstream).Render(RenderTestData.LoadValid(yaml));
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"sriov-demo","plugins":[{"vlan":100,"min_tx_rate":0,"max_tx_rate":0,"type":"sriov","ipam":{"type":"spiderpool"}},""" + Coordinator + "]}",
            nad.Spec.Config);
        Assert.Equal("spidernet.io/sriov_netdeivce", nad.Metadata.Annotations![MultusAnnotations.ResourceName]);
    }

    [Fact]
    public void SriovBandwidth()
    {
        string yaml = Smc("sriov-demo", """
              cniType: sriov
              sriov:
                resourceName: spidernet.io/sriov_netdeivce
                minTxRateMbps: 100
                maxTxRateMbps: 1000
            """);
        Assert.Contains("""{"vlan":0,"min_tx_rate":100,"max_tx_rate":1000,"type":"sriov",""", Upstream(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void SriovWithRdmaIsolationMtuAndMatchMasterSubnet()
    {
        string yaml = Smc("sriov-eno3np1", """
              cniType: sriov
              sriov:
                resourceName: spidernet.io/eno3np1
                rdmaIsolation: true
                mtu: 4200
                ippools:
                  ipv4: [eno3np1-rail1*]
                  matchMasterSubnet: true
            """);
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"sriov-eno3np1","plugins":[""" +
            """{"vlan":0,"min_tx_rate":0,"max_tx_rate":0,"type":"sriov","ipam":{"type":"spiderpool","default_ipv4_ippool":["eno3np1-rail1*"],"match_master_subnet":true}},""" +
            """{"type":"rdma"},""" + Coordinator + """,{"type":"tuning","mtu":4200}]}""",
            Upstream(yaml));
    }

    [Fact]
    public void IbSriov()
    {
        string yaml = Smc("gpu1-ib-sriov", """
              cniType: ib-sriov
              ibsriov:
                resourceName: spidernet.io/eno3np2
                rdmaIsolation: true
                ippools:
                  ipv4: [gpu1-net11]
            """);
        NetworkAttachmentDefinition nad = new NetworkAttachmentRenderer(PluginNames.Upstream).Render(RenderTestData.LoadValid(yaml));
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"gpu1-ib-sriov","plugins":[{"type":"ib-sriov","pkey":"","link_state":"enable","rdmaIsolation":true,"ibKubernetesEnabled":false,"ipam":{"type":"spiderpool","default_ipv4_ippool":["gpu1-net11"]}},""" + Coordinator + "]}",
            nad.Spec.Config);
        Assert.Equal("spidernet.io/eno3np2", nad.Metadata.Annotations![MultusAnnotations.ResourceName]);
    }

    [Fact]
    public void Ipoib()
    {
        string yaml = Smc("ipoib", """
              cniType: ipoib
              ipoib:
                master: ibs5f0
                ippools:
                  ipv4: [v4-91]
            """);
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"ipoib","plugins":[{"type":"ipoib","master":"ibs5f0","ipam":{"type":"spiderpool","default_ipv4_ippool":["v4-91"]}},""" + Coordinator + "]}",
            Upstream(yaml));
    }

    [Fact]
    public void Ovs()
    {
        string yaml = Smc("ovs", """
              cniType: ovs
              ovs:
                bridge: br1
                vlan: 100
            """);
        Assert.Equal(
            """{"cniVersion":"0.3.1","name":"ovs","plugins":[{"vlan":100,"type":"ovs","bridge":"br1","ipam":{"type":"spiderpool"}},""" + Coordinator + "]}",
            Upstream(yaml));
    }

    [Fact]
    public void OvsDeviceIdAddsResourceAnnotation()
    {
        string yaml = Smc("ovs", """
              cniType: ovs
              ovs:
                bridge: br1
                deviceID: "0000:af:00.2"
            """);
        NetworkAttachmentDefinition nad = new NetworkAttachmentRenderer(PluginNames.Upstream).Render(RenderTestData.LoadValid(yaml));
        Assert.Contains("""{"vlan":0,"type":"ovs","bridge":"br1","deviceID":"0000:af:00.2","ipam":{"type":"spiderpool"}}""", nad.Spec.Config, StringComparison.Ordinal);
        Assert.Equal("ovs-cni.network.kubevirt.io/br1", nad.Metadata.Annotations![MultusAnnotations.ResourceName]);
    }

    [Fact]
    public void CustomIsVerbatim()
    {
        const string custom = """{"cniVersion":"0.3.1","name":"x","type":"macvlan",  "master":"eth1"}""";
        string yaml = Smc("custom", $"""
              cniType: custom
              customCNI: '{custom}'
            """);
        NetworkAttachmentDefinition nad = new NetworkAttachmentRenderer().Render(RenderTestData.LoadValid(yaml));
        Assert.Equal(custom, nad.Spec.Config);
    }

    [Fact]
    public void AnnotationsNameTheNetworkAndVersion()
    {
        const string yaml = """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderMultusConfig
            metadata:
              name: smc
              namespace: kube-system
              annotations:
                multus.spidernet.io/cr-name: "macvlan-100"
                multus.spidernet.io/cni-version: 0.4.0
                cni.spidernet.io/cniconfig-name: "macvlan-100"
            spec:
              cniType: macvlan
              macvlan:
                master: [ens192]
            """;
        NetworkAttachmentDefinition nad = new NetworkAttachmentRenderer(PluginNames.Upstream).Render(RenderTestData.LoadValid(yaml));
        Assert.Equal("macvlan-100", nad.Metadata.Name);
        Assert.StartsWith("""{"cniVersion":"0.4.0","name":"macvlan-100","plugins":[""", nad.Spec.Config, StringComparison.Ordinal);
        Assert.Equal("macvlan-100", nad.Metadata.Annotations![MultusAnnotations.CustomName]);
        OwnerReferenceAssert(nad, "smc");
    }

    private static void OwnerReferenceAssert(NetworkAttachmentDefinition nad, string smcName)
    {
        Dragline.Api.Model.OwnerReference owner = Assert.Single(nad.Metadata.OwnerReferences!);
        Assert.Equal(("spiderpool.spidernet.io/v2beta1", "SpiderMultusConfig", smcName, true, true),
            (owner.ApiVersion, owner.Kind, owner.Name, owner.Controller, owner.BlockOwnerDeletion));
    }
}
