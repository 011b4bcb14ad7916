using Dragline.Api.Multus;
using Dragline.Api.Serialization;
using Dragline.Api.Tests.Rendering;
using Dragline.Api.Validation;

namespace Dragline.Api.Tests.Multus;

/// <summary>
/// Invalid SpiderMultusConfigs and SpiderCoordinators: each must be rejected with Spiderpool's message
/// (given as the exact text or its distinctive part) at the right field.
/// </summary>
public sealed class SpiderMultusConfigValidationTests
{
    private static string Smc(string spec, string annotations = "", string name = "net1") => $"""
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderMultusConfig
        metadata:
          name: {name}
          namespace: kube-system
        {annotations}
        spec:
        {spec}
        """;

    private static List<ValidationProblem> Errors(string yaml) =>
        RenderTestData.Load(yaml).Problems.Where(p => p.Severity == ValidationSeverity.Error).ToList();

    private static void AssertRejected(string yaml, string fieldPath, string message)
    {
        IReadOnlyList<ValidationProblem> errors = Errors(yaml);
        Assert.True(
            errors.Any(e => e.FieldPath == fieldPath && e.Message.Contains(message, StringComparison.Ordinal)),
            $"expected an error at {fieldPath} containing \"{message}\"; got:\n{string.Join("\n", errors)}");
    }

    public static TheoryData<string, string, string> InvalidConfigs() => new()
    {
        // cniType and sub-config presence
        { "  cniType: bridge", "spec.cniType", "Unsupported value: \"bridge\": supported values: \"macvlan\", \"ipvlan\", \"vlan\", \"sriov\", \"ovs\", \"ib-sriov\", \"ipoib\", \"custom\"" },
        { "  cniType: macvlan", "spec.macvlan", "no spec.macvlanConfig specified" },
        { "  cniType: ipvlan", "spec.ipvlan", "no spec.ipvlanConfig specified" },
        { "  cniType: vlan", "spec.vlan", "no spec.vlan specified" },
        { "  cniType: sriov", "spec.sriov", "no spec.sriovConfig specified" },
        { "  cniType: ib-sriov", "spec.ibsriov", "no spec.ibsriovConfig specified" },
        { "  cniType: ipoib", "spec.ipoib", "no spec.ipoibConfig specified" },
        { "  cniType: ovs", "spec.ovs", "no spec.ovsConfig specified" },
        // one sub-config only
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  ipvlan: {master: [eth1]}", "spec.cniType", "the cniType macvlan only supports spec.macvlanConfig, please remove other CNI configs (spec.ipvlan)" },
        { "  cniType: sriov\n  sriov: {resourceName: a/b}\n  ibsriov: {resourceName: a/b}", "spec.cniType", "the cniType sriov only supports spec.sriovConfig, please remove other CNI configs (spec.ibsriov)" },
        { "  cniType: ib-sriov\n  ibsriov: {resourceName: a/b}\n  sriov: {resourceName: a/b}", "spec.cniType", "the cniType ib-sriov only supports spec.ibsriovConfig, please remove other CNI configs (spec.sriov)" },
        { "  cniType: custom\n  macvlan: {master: [eth1]}", "spec.cniType", "the cniType custom only supports spec.customCniTypeConfig, please remove other CNI configs (spec.macvlan)" },
        { "  cniType: ovs\n  ovs: {bridge: br1}\n  customCNI: '{}'", "spec.cniType", "the cniType ovs only supports spec.ovsConfig, please remove other CNI configs (spec.customCNI)" },
        // VLAN, MTU, masters, bond
        { "  cniType: macvlan\n  macvlan: {master: [eth1], vlanID: 4095}", "spec.macvlan.vlanID", "invalid vlanId 4095, please make sure vlanId in range [0,4094]" },
        { "  cniType: ipvlan\n  ipvlan: {master: [eth1], vlanID: -1}", "spec.ipvlan.vlanID", "invalid vlanId -1, please make sure vlanId in range [0,4094]" },
        { "  cniType: sriov\n  sriov: {resourceName: a/b, vlanID: 5000}", "spec.sriov.vlanID", "invalid vlanId 5000, please make sure vlanId in range [0,4094]" },
        { "  cniType: ovs\n  ovs: {bridge: br1, vlan: 4095}", "spec.ovs.vlan", "invalid vlanId 4095, please make sure vlanId in range [0,4094]" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1], mtu: -1}", "spec.macvlan.mtu", "MTU must be greater than or equal to 0" },
        { "  cniType: vlan\n  vlan: {master: [eth1], vlanID: 10, mtu: -5}", "spec.vlan.mtu", "MTU must be greater than or equal to 0" },
        { "  cniType: sriov\n  sriov: {resourceName: a/b, mtu: -1}", "spec.sriov.mtu", "MTU must be greater than or equal to 0" },
        { "  cniType: macvlan\n  macvlan: {master: []}", "spec.macvlan.master", "master can't be empty" },
        { "  cniType: ipvlan\n  ipvlan: {master: [eth1, eth2]}", "spec.ipvlan.bond", "the bond property is nil with multiple Interfaces" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1, eth2], bond: {name: '', mode: 1}}", "spec.macvlan.bond.name", "bond name can't be empty" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1, eth2], bond: {name: bond0, mode: 7}}", "spec.macvlan.bond.mode", "bond mode must be in range [0,6]" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1, eth2], bond: {name: bond0}}", "spec.macvlan.bond.mode", "Required value: bond mode 0-6" },
        // vlanMode
        { "  cniType: vlan\n  vlan: {master: [eth1], vlanMode: auto, vlanID: 100}", "spec.vlan.vlanID", "vlanId must not be specified when vlanMode is auto" },
        { "  cniType: vlan\n  vlan: {master: [eth1], vlanMode: trunk}", "spec.vlan.vlanMode", "invalid vlanMode trunk, supported values are manual and auto" },
        // SR-IOV
        { "  cniType: sriov\n  sriov: {resourceName: a/b, minTxRateMbps: 1000, maxTxRateMbps: 100}", "spec.sriov.minTxRateMbps", "minTxRateMbps must be less than maxTxRateMbps" },
        { "  cniType: sriov\n  sriov: {resourceName: a/b, maxTxRateMbps: -1}", "spec.sriov.maxTxRateMbps", "maxTxRateMbps must be greater than or equal to 0" },
        { "  cniType: sriov\n  sriov: {vlanID: 1}", "spec.sriov.resourceName", "no spec.sriovConfig[resourceName] specified" },
        { "  cniType: ib-sriov\n  ibsriov: {pkey: '0x10'}", "spec.ibsriov.resourceName", "no spec.ibsriovConfig[resourceName] specified" },
        { "  cniType: ib-sriov\n  ibsriov: {resourceName: a/b, linkState: up}", "spec.ibsriov.linkState", "Unsupported value: \"up\": supported values: \"auto\", \"enable\", \"disable\"" },
        { "  cniType: ipoib\n  ipoib: {ippools: {ipv4: [p]}}", "spec.ipoib.master", "no spec.ipoibConfig[master] specified" },
        // matchMasterSubnet
        { "  cniType: macvlan\n  macvlan: {master: [eth1], ippools: {ipv4: [p], matchMasterSubnet: true}}", "spec.macvlan.ippools.matchMasterSubnet", "MatchMasterSubnet feature is not supported for macvlan" },
        { "  cniType: ipvlan\n  ipvlan: {master: [eth1], ippools: {matchMasterSubnet: true}}", "spec.ipvlan.ippools.matchMasterSubnet", "MatchMasterSubnet feature is not supported for ipvlan" },
        { "  cniType: vlan\n  vlan: {master: [eth1], vlanID: 3, ippools: {matchMasterSubnet: true}}", "spec.vlan.ippools.matchMasterSubnet", "MatchMasterSubnet feature is not supported for vlan" },
        // OVS trunk
        { "  cniType: ovs\n  ovs: {bridge: br1, trunk: [{minID: 5000}]}", "spec.ovs.trunk[0].minID", "incorrect trunk minID parameter" },
        { "  cniType: ovs\n  ovs: {bridge: br1, trunk: [{minID: 10, maxID: 4095}]}", "spec.ovs.trunk[0].maxID", "incorrect trunk maxID parameter" },
        { "  cniType: ovs\n  ovs: {bridge: br1, trunk: [{minID: 30, maxID: 20}]}", "spec.ovs.trunk[0]", "minID is greater than maxID in trunk parameter" },
        { "  cniType: ovs\n  ovs: {bridge: br1, trunk: [{id: 4097}]}", "spec.ovs.trunk[0].id", "incorrect trunk id parameter" },
        { "  cniType: ovs\n  ovs: {vlan: 1}", "spec.ovs.bridge", "no spec.ovsConfig[bridge] specified" },
        // custom and chained JSON
        { "  cniType: custom\n  customCNI: '{\"type\": '", "spec.customCNI", "customCniConfig isn't a valid JSON encoding" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  chainCNIJsonData: ['{\"sysctl\": {}}']", "spec.chainCNIJsonData[0]", "invalid {\"sysctl\": {}}: error parsing configuration: missing 'type'" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  chainCNIJsonData: ['not json']", "spec.chainCNIJsonData[0]", "invalid not json: error parsing configuration" },
        // coordinator
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {podMACPrefix: '0b:1a'}", "spec.coordinator.podMACPrefix", "not a unicast MAC: the lowest bit of the first byte must be 0" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {podMACPrefix: '0a-1b-2c'}", "spec.coordinator.podMACPrefix", "not a valid MAC prefix" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {vethMTU: 0}", "spec.coordinator.vethMTU", "vethMTU must be greater than 0" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {txQueueLen: -1}", "spec.coordinator.txQueueLen", "txQueueLen can't be less than 0" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {vethLinkAddress: 169.254.300.1}", "spec.coordinator.vethLinkAddress", "vethLinkAddress is an invalid IP address" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {hijackCIDR: [10.0.0.0/33]}", "spec.coordinator.hijackCIDR[0]", "invalid IP or CIDR \"10.0.0.0/33\"" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {policyRoutes: [{dst: 10.0.0.0/8, gw: 'fd00::1'}]}", "spec.coordinator.policyRoutes[0]", "dst and gw must use the same IP family" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {policyRoutes: [{dst: 10.0.0.0/8, gw: gateway}]}", "spec.coordinator.policyRoutes[0].gw", "gw is an invalid IP address" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {podRPFilter: 3}", "spec.coordinator.podRPFilter", "Unsupported value: 3: supported values: \"0\", \"1\", \"2\"" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {podCIDRType: flannel}", "spec.coordinator.podCIDRType", "Unsupported value: \"flannel\"" },
        { "  cniType: macvlan\n  macvlan: {master: [eth1]}\n  coordinator: {mode: hybrid}", "spec.coordinator.mode", "Unsupported value: \"hybrid\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void RejectsWithSpiderpoolMessage(string spec, string fieldPath, string message) =>
        AssertRejected(Smc(spec), fieldPath, message);

    public static TheoryData<string, string, string> InvalidAnnotations() => new()
    {
        { "multus.spidernet.io/cr-name: Bad_Name", "metadata.annotations[multus.spidernet.io/cr-name]", "invalid custom net-attach-def resource name \"Bad_Name\", err: [a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters" },
        { "multus.spidernet.io/cni-version: 0.2.0", "metadata.annotations[multus.spidernet.io/cni-version]", "unsupported CNI version 0.2.0" },
        { "cni.spidernet.io/rdma-resource-inject: group1", "spec.macvlan", "rdmaResourceName can not empty for spidermultusconfig kube-system/net1" },
    };

    [Theory]
    [MemberData(nameof(InvalidAnnotations))]
    public void RejectsBadAnnotations(string annotation, string fieldPath, string message) =>
        AssertRejected(Smc("  cniType: macvlan\n  macvlan: {master: [eth1]}", $"  annotations:\n    {annotation}"), fieldPath, message);

    [Fact]
    public void InjectionNeedsPools()
    {
        string yaml = Smc(
            "  cniType: sriov\n  sriov: {resourceName: spidernet.io/rail1}",
            "  annotations:\n    cni.spidernet.io/rdma-resource-inject: group1");
        AssertRejected(yaml, "spec.sriov.ippools", "no any ippools configured for spidermultusconfig kube-system/net1");
    }

    [Theory]
    [InlineData("ovs", "  ovs: {bridge: br1}")]
    [InlineData("custom", "")]
    public void InjectionIsNotForOvsOrCustom(string cniType, string config)
    {
        string yaml = Smc(
            $"  cniType: {cniType}\n{config}",
            "  annotations:\n    cni.spidernet.io/network-resource-inject: group1");
        AssertRejected(yaml, "spec.cniType", $"the cniType {cniType} does not support RDMA resource or network resource injected");
    }

    [Fact]
    public void InjectAnnotationsAreMirroredIntoLabels()
    {
        SpiderMultusConfig smc = RenderTestData.LoadValid(Smc(
            "  cniType: sriov\n  sriov: {resourceName: spidernet.io/rail1, ippools: {ipv4: [p1]}}",
            "  annotations:\n    cni.spidernet.io/rdma-resource-inject: group1"));
        Assert.Equal("group1", smc.Metadata.Labels![MultusAnnotations.RdmaResourceInject]);
    }

    [Fact]
    public void TwoConfigsCannotOwnOneNetwork()
    {
        string first = Smc("  cniType: macvlan\n  macvlan: {master: [eth1]}", "  annotations:\n    multus.spidernet.io/cr-name: shared", "first");
        string second = Smc("  cniType: macvlan\n  macvlan: {master: [eth2]}", "  annotations:\n    multus.spidernet.io/cr-name: shared", "second");
        AssertRejected(first + "\n---\n" + second, "metadata.annotations", "the net-attach-def kube-system/shared already exists and is managed by SpiderMultusConfig kube-system/first.");
    }

    [Fact]
    public void CustomNameCannotChangeOnUpdate()
    {
        var context = new ValidationContext();
        IReadOnlyList<ValidationProblem> created = ManifestValidator.Validate(
            ManifestReader.Default.ReadString(Smc("  cniType: macvlan\n  macvlan: {master: [eth1]}", "  annotations:\n    multus.spidernet.io/cr-name: old-name")), context);
        Assert.Empty(created);

        IReadOnlyList<ValidationProblem> updated = ManifestValidator.Validate(
            ManifestReader.Default.ReadString(Smc("  cniType: macvlan\n  macvlan: {master: [eth1]}", "  annotations:\n    multus.spidernet.io/cr-name: new-name")), context);
        ValidationProblem problem = Assert.Single(updated);
        Assert.Equal("it's unsupported to change customized Multus net-attach-def resource name from 'old-name' to 'new-name'", problem.Message);
    }

    [Fact]
    public void OldSriovSpellingOfIbSriovCannotCarryEthernetFields()
    {
        AssertRejected(
            Smc("  cniType: ib-sriov\n  sriov: {resourceName: spidernet.io/ib, vlanID: 100}"),
            "spec.sriov.vlanID",
            "vlanID is an Ethernet SR-IOV setting and has no meaning for cniType ib-sriov: remove it");
    }

    [Fact]
    public void MaxTxRateZeroMeansNoLimit()
    {
        Assert.Empty(Errors(Smc("  cniType: sriov\n  sriov: {resourceName: a/b, minTxRateMbps: 100, maxTxRateMbps: 0}")));
    }

    [Fact]
    public void MatchMasterSubnetOnIbSriovIsAWarning()
    {
        IReadOnlyList<ValidationProblem> problems = RenderTestData.Load(
            Smc("  cniType: ib-sriov\n  ibsriov: {resourceName: a/b, ippools: {ipv4: [p], matchMasterSubnet: true}}")).Problems;
        ValidationProblem warning = Assert.Single(problems);
        Assert.Equal((ValidationSeverity.Warning, "spec.ibsriov.ippools.matchMasterSubnet"), (warning.Severity, warning.FieldPath));
    }

    [Fact]
    public void UnknownFieldInSubConfigIsReported()
    {
        AssertRejected(Smc("  cniType: macvlan\n  macvlan: {master: [eth1], vlanId: 10}"), "spec.macvlan.vlanId", "unknown field");
    }

    public static TheoryData<string, string, string> InvalidCoordinators() => new()
    {
        { "  mode: auto", "spec.podCIDRType", "PodCIDRType is not allowed to be empty" },
        { "  podCIDRType: calico\n  podMACPrefix: 'ff:00'", "spec.podMACPrefix", "not a unicast MAC: the lowest bit of the first byte must be 0" },
        { "  podCIDRType: cluster\n  vethMTU: -1", "spec.vethMTU", "vethMTU must be greater than 0" },
        { "  podCIDRType: cluster\n  hijackCIDR: [not-an-ip]", "spec.hijackCIDR[0]", "invalid IP or CIDR \"not-an-ip\"" },
        { "  podCIDRType: cluster\n  policyRoutes: [{dst: 'fd00::/64', gw: 10.0.0.1}]", "spec.policyRoutes[0]", "dst and gw must use the same IP family" },
    };

    [Theory]
    [MemberData(nameof(InvalidCoordinators))]
    public void RejectsInvalidSpiderCoordinator(string spec, string fieldPath, string message)
    {
        string yaml = $"""
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderCoordinator
            metadata:
              name: default
            spec:
            {spec}
            """;
        AssertRejected(yaml, fieldPath, message);
    }
}
