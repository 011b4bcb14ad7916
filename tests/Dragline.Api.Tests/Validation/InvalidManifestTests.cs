using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using static Dragline.Api.Tests.Validation.ManifestSnippets;

namespace Dragline.Api.Tests.Validation;

/// <summary>One invalid manifest per row, each with the exact field path and message the webhook would give.</summary>
public sealed class InvalidManifestTests
{
    private const string P = "SpiderIPPool/p";
    private const string Pol = "SriovNetworkNodePolicy/kube-system/p";
    private const string V4 = "subnet: 10.0.0.0/24\n";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // SpiderIPPool
        { Pool("ips: [10.0.0.1]"), P, "spec.ipVersion", "is not generated correctly, 'spec.subnet' may be invalid" },
        { Pool("subnet: 10.0.0.1/24"), P, "spec.subnet", "unformatted subnet 10.0.0.1/24, please change it to 10.0.0.0/24" },
        { Pool("ipVersion: 4\nsubnet: 10.0.0.0/33"), P, "spec.subnet", "invalid CIDR '10.0.0.0/33': write an address, '/', and a prefix length, like 10.0.0.0/24 or fd00::/64" },
        { Pool("ipVersion: 5\nsubnet: 10.0.0.0/24"), P, "spec.ipVersion", "Unsupported value: 5: supported values: \"4\", \"6\"" },
        { Pool("ipVersion: 6\nsubnet: 10.0.0.0/24"), P, "spec.subnet", "'10.0.0.0/24' is not an IPv6 CIDR, but 'spec.ipVersion' is 6" },
        { Pool(V4 + "ips: [10.0.1.5]"), P, "spec.ips[0]", "not match base subnet: '10.0.1.5' is not inside 'spec.subnet' 10.0.0.0/24" },
        { Pool(V4 + "ips: [10.0.0.9-10.0.0.1]"), P, "spec.ips[0]", "invalid IP range '10.0.0.9-10.0.0.1': start 10.0.0.9 is greater than end 10.0.0.1; write 'A' or 'A-B' with A and B of one IP family, A not above B, and no spaces (like 10.0.0.10-10.0.0.20)." },
        { Pool(V4 + "ips: [10.0.0.1, \"fd00::1\"]"), P, "spec.ips[1]", "invalid range: 'fd00::1' is IPv6, but 'spec.ipVersion' is 4" },
        { Pool(V4 + "ips: [10.0.0.2]\nexcludeIPs: [10.9.0.1]"), P, "spec.excludeIPs[0]", "not match base subnet: '10.9.0.1' is not inside 'spec.subnet' 10.0.0.0/24" },
        { Pool(V4 + "gateway: 10.0.1.1"), P, "spec.gateway", "not pertains to the 'spec.subnet' 10.0.0.0/24 of IPPool" },
        { Pool(V4 + "gateway: 10.0.0.300"), P, "spec.gateway", "invalid IPv4 address '10.0.0.300'" },
        { Pool(V4 + "ips: [10.0.0.1-10.0.0.10]\ngateway: 10.0.0.1"), P, "spec.ips", "conflicts with 'spec.gateway' 10.0.0.1, add the gateway IP address to 'spec.excludeIPs' or remove it from 'spec.ips'" },
        { Pool(V4 + "gateway: 10.0.0.1\nroutes: [{dst: 0.0.0.0/0, gw: 10.0.0.1}]"), P, "spec.routes[0].dst", "please specify 'spec.gateway' to configure the default route" },
        { Pool(V4 + "routes: [{dst: 10.8.0.0/16, gw: 10.0.0.1}, {dst: 10.8.0.0/16, gw: 10.0.0.2}]"), P, "spec.routes[1].dst", "duplicate route with the same dst" },
        { Pool(V4 + "routes: [{dst: 10.8.0.0/16, gw: 10.9.0.1}]"), P, "spec.routes[0].gw", "not pertains to the 'spec.subnet' 10.0.0.0/24 of IPPool" },
        { Pool(V4 + "routes: [{dst: \"fd00::/64\", gw: 10.0.0.1}]"), P, "spec.routes[0].dst", "invalid IPv4 CIDR 'fd00::/64'" },
        { Pool(V4 + "podAffinity: {}"), P, "spec.podAffinity", "empty podAffinity is invalid for SpiderIPPool" },
        { Pool(V4 + "nodeAffinity: {matchExpressions: [{key: k, operator: In}]}"), P, "spec.nodeAffinity.matchExpressions[0].values", "Required value: must be specified when `operator` is 'In' or 'NotIn'" },
        { Pool(V4 + "podAffinity: {matchExpressions: [{key: k, operator: Exists, values: [x]}]}"), P, "spec.podAffinity.matchExpressions[0].values", "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" },
        { Pool(V4 + "namespaceAffinity: {matchExpressions: [{key: k, operator: Has}]}"), P, "spec.namespaceAffinity.matchExpressions[0].operator", "Unsupported value: \"Has\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\"" },
        { Pool(V4 + "multusName: [a/b/c]"), P, "spec.multusName[0]", "invalid Multus network 'a/b/c': write 'namespace/name' or 'name'" },
        { Pool(V4 + "ipss: [10.0.0.1]"), P, "spec.ipss", "unknown field \"spec.ipss\"" },
        { Pool(V4 + "routes: [{dst: 10.8.0.0/16, via: 10.0.0.1}]"), P, "spec.routes[0].via", "unknown field \"spec.routes[0].via\"; routes are written {dst, gw} (some Spiderpool docs show {to, via}, which is wrong)" },
        { Pool("ipVersion: four\n" + V4), P, "spec.ipVersion", "wrong type: got string \"four\"; expected an integer" },
        { Pool(V4 + "default: \"true\""), P, "spec.default", "wrong type: got string \"true\"; expected true or false" },
        { Pool(V4, name: "\"\""), "SpiderIPPool/", "metadata.name", "Required value: name or generateName is required" },
        { Pool(V4, name: "p\n  label: {a: b}\n  managedFields: []"), P, "metadata.label", "unknown field \"metadata.label\"" },

        // SpiderSubnet
        { Subnet("subnet: 10.0.0.1/24"), "SpiderSubnet/s", "spec.subnet", "unformatted subnet 10.0.0.1/24, please change it to 10.0.0.0/24" },
        { Subnet(V4 + "gateway: 10.0.1.1"), "SpiderSubnet/s", "spec.gateway", "not pertains to the 'spec.subnet' 10.0.0.0/24 of Subnet" },
        { Subnet(V4 + "ips: [10.0.0.1-10.0.0.10]\ngateway: 10.0.0.5"), "SpiderSubnet/s", "spec.ips", "conflicts with 'spec.gateway' 10.0.0.5, add the gateway IP address to 'spec.excludeIPs' or remove it from 'spec.ips'" },
        { Subnet(V4 + "vlan: 100"), "SpiderSubnet/s", "spec.vlan", "unknown field \"spec.vlan\"; 'spec.vlan' was removed in Spiderpool v1.0" },

        // SpiderReservedIP
        { Reserved("ips: []"), "SpiderReservedIP/r", "spec.ipVersion", "is not generated correctly, 'spec.ips' is empty or 'spec.ips[0]' may be invalid" },
        { Reserved("ips: [nope]"), "SpiderReservedIP/r", "spec.ipVersion", "is not generated correctly, 'spec.ips' is empty or 'spec.ips[0]' may be invalid" },
        { Reserved("ips: [10.0.0.1, \"fd00::1\"]"), "SpiderReservedIP/r", "spec.ips[1]", "invalid range: 'fd00::1' is IPv6, but 'spec.ipVersion' is 4" },
        { Reserved("ipVersion: 6\nips: [10.0.0.1]"), "SpiderReservedIP/r", "spec.ips[0]", "invalid range: '10.0.0.1' is IPv4, but 'spec.ipVersion' is 6" },

        // SpiderEndpoint
        { Endpoint("current: {ips: [{interface: eth0, ipv4: 10.0.0.2/24, ipv4Pool: p, vlan: 5000}]}"), "SpiderEndpoint/default/e", "status.current.ips[0].vlan", "Invalid value: 5000: must be in range [0,4094]" },
        { Endpoint("current: {ips: [{interface: eth0, ipv4: 10.0.0.2, ipv4Pool: p}]}"), "SpiderEndpoint/default/e", "status.current.ips[0].ipv4", "invalid IPv4 address with prefix length '10.0.0.2', like 172.18.40.10/24" },
        { Endpoint("current: {ips: [{interface: eth0, ipv4: 10.0.0.2/24}]}"), "SpiderEndpoint/default/e", "status.current.ips[0].ipv4Pool", "Required value: an IPv4 address must name the pool it came from" },
        { Endpoint("current: {ips: [{interface: eth0, mac: \"zz:11\"}]}"), "SpiderEndpoint/default/e", "status.current.ips[0].mac", "invalid MAC address 'zz:11': write six hex bytes separated by ':', like 02:00:00:00:00:01" },

        // SriovNetworkNodePolicy
        { Policy("resourceName: \"\""), Pol, "spec.resourceName", "resource name must not be empty" },
        { Policy("resourceName: " + new string('a', 64)), Pol, "spec.resourceName", $"resource name \"{new string('a', 64)}\" must be no more than 63 characters" },
        { Policy("resourceName: -bad"), Pol, "spec.resourceName", "resource name \"-bad\" is invalid: must consist of alphanumeric characters or hyphens, and must start and end with an alphanumeric character (e.g. 'mellanoxibsriov', regex used for validation is '^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$')" },
        { Policy("nicSelector: {}"), Pol, "spec.nicSelector", "at least one of these parameters (vendor, deviceID, pfNames, rootDevices or netFilter) has to be defined in nicSelector in CR p" },
        { Policy("nicSelector: {vendor: \"15b3\", netFilter: \"openstack/NetworkID:abc\"}"), Pol, "spec.nicSelector.netFilter", "nicSelector fields vendor, deviceID, pfNames, and rootDevices are not allowed when netFilter is specified" },
        { Policy("nicSelector: {netFilter: \"openstack/NetworkID:abc\"}\neSwitchMode: legacy"), Pol, "spec.eSwitchMode", "eSwitchMode is not supported when netFilter is specified" },
        { Policy("nicSelector: {netFilter: \"openstack/NetworkID:abc\"}\nlinkType: ib"), Pol, "spec.linkType", "linkType \"ib\" is not allowed when netFilter is specified, only 'eth' or 'ETH' are supported" },
        { Policy("nicSelector: {netFilter: \"openstack/NetworkID:abc\"}\nbridge: {ovs: {}}"), Pol, "spec.bridge", "bridge configuration is not supported when netFilter is specified" },
        { Policy("nicSelector: {pfNames: [\"ens1f0#0-3#1\"]}"), Pol, "spec.nicSelector.pfNames[0]", "failed to parse ens1f0#0-3#1 PF name in nicSelector, probably incorrect separator character usage" },
        { Policy("nicSelector: {pfNames: [\"ens1f0#0\"]}"), Pol, "spec.nicSelector.pfNames[0]", "failed to parse ens1f0#0 PF name nicSelector, probably incorrect range character usage" },
        { Policy("nicSelector: {pfNames: [\"ens1f0#a-3\"]}"), Pol, "spec.nicSelector.pfNames[0]", "failed to parse ens1f0#a-3 PF name nicSelector, start range is incorrect" },
        { Policy("nicSelector: {pfNames: [\"ens1f0#0-b\"]}"), Pol, "spec.nicSelector.pfNames[0]", "failed to parse ens1f0#0-b PF name nicSelector, end range is incorrect" },
        { Policy("nicSelector: {pfNames: [\"ens1f0#3-1\"]}"), Pol, "spec.nicSelector.pfNames[0]", "failed to parse ens1f0#3-1 PF name nicSelector, end range shall not be smaller than start range" },
        { Policy("nicSelector: {pfNames: [\"ens1f0#0-4\"]}"), Pol, "spec.nicSelector.pfNames[0]", "failed to parse ens1f0#0-4 PF name nicSelector, end range exceeds the maximum VF index " },
        { Policy("deviceType: vfio-pci\nisRdma: true"), Pol, "spec.deviceType", "'deviceType: vfio-pci' conflicts with 'isRdma: true'; Set 'deviceType' to (string)'netdevice' Or Set 'isRdma' to (bool)'false'" },
        { Policy("linkType: IB\neSwitchMode: switchdev"), Pol, "spec.eSwitchMode", "'eSwitchMode: switchdev' can be used only with ethernet links" },
        { Policy("deviceType: vfio-pci\nvdpaType: virtio\neSwitchMode: switchdev"), Pol, "spec.deviceType", "'deviceType: vfio-pci' conflicts with 'virtio'; Set 'deviceType' to (string)'netdevice' Or Remove 'vdpaType'" },
        { Policy("vdpaType: vhost"), Pol, "spec.vdpaType", "vdpa requires the device to be configured in switchdev mode" },
        { Policy("bridge: {ovs: {}}"), Pol, "spec.bridge", "software bridge management requires the device to be configured in switchdev mode" },
        { Policy("bridge: {ovs: {}}\neSwitchMode: switchdev\nexternallyManaged: true"), Pol, "spec.bridge", "software bridge management can't be used when the device externally managed" },
        { Policy("priority: 100"), Pol, "spec.priority", "Invalid value: 100: spec.priority in body should be less than or equal to 99" },
        { Policy("mtu: 0"), Pol, "spec.mtu", "Invalid value: 0: spec.mtu in body should be greater than or equal to 1" },
        { Policy("numVfs: 0"), Pol, "spec.numVfs", "numVfs(0) in CR p is not allowed" },
        { Policy("numVfs: 200\nnicSelector: {vendor: \"15b3\", rootDevices: [\"0000:86:00.0\"]}"), Pol, "spec.numVfs", "numVfs(200) in CR p exceed the maximum allowed value(128) interface(0000:86:00.0)" },
        { Policy("deviceType: vfio"), Pol, "spec.deviceType", "Unsupported value: \"vfio\": supported values: \"netdevice\", \"vfio-pci\"" },
        { Policy("linkType: infiniband"), Pol, "spec.linkType", "Unsupported value: \"infiniband\": supported values: \"eth\", \"ETH\", \"ib\", \"IB\"" },
        { Policy("resourceName: r\nnumVfs: 4\nnicSelector: {vendor: \"15b3\"}", withDefaults: false), Pol, "spec.nodeSelector", "Required value" },
        { Policy("nicSelector: {vendor: \"15b3\", pfName: [ens1f0]}"), Pol, "spec.nicSelector.pfName", "unknown field \"spec.nicSelector.pfName\"" },
        { Policy("numVfs: \"12\""), Pol, "spec.numVfs", "wrong type: got string \"12\"; expected an integer" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheExactProblem(string yaml, string objectName, string path, string message)
    {
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(ManifestReader.Default.ReadString(yaml));
        ValidationProblem expected = new(objectName, path, message, ValidationSeverity.Error);
        Assert.True(problems.Contains(expected), $"expected\n  {expected}\ngot\n  {string.Join("\n  ", problems)}");
    }

    [Fact]
    public void HasAtLeastFortyCases() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Theory]
    [InlineData("subnet: 10.0.0.0/24\nips: [10.0.0.1-10.0.0.10]\nexcludeIPs: [10.0.0.1]\ngateway: 10.0.0.1\nroutes: [{dst: 10.8.0.0/16, gw: 10.0.0.1}]\npodAffinity: {matchLabels: {app: a}}\nmultusName: [kube-system/ib-sriov, macvlan]")]
    [InlineData("subnet: fd00::/64\nips: [\"fd00::10-fd00::ff\"]\ngateway: fd00::1")]
    public void ValidPoolsHaveNoProblems(string spec)
    {
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(ManifestReader.Default.ReadString(Pool(spec)));
        Assert.Empty(problems);
    }

    [Fact]
    public void ValidPolicyHasNoProblems()
    {
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(ManifestReader.Default.ReadString(
            Policy("nicSelector: {vendor: \"15b3\", deviceID: \"1017\", pfNames: [\"ibs5f0#0-3\"], rootDevices: [\"0000:86:00.0\"]}\nlinkType: IB")));
        Assert.Empty(problems);
    }

    [Fact]
    public void PolicyOutsideOperatorNamespaceIsAWarning()
    {
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(ManifestReader.Default.ReadString(Policy("numVfs: 4", ns: "default")));
        Assert.Equal(
            [new ValidationProblem("SriovNetworkNodePolicy/default/p", "metadata.namespace", "p is created or updated but not used. Only policy in kube-system namespace is respected.", ValidationSeverity.Warning)],
            problems);
    }

    [Fact]
    public void DisabledFamilyIsRejected()
    {
        var context = new ValidationContext(new ValidationSettings { EnableIPv6 = false });
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(ManifestReader.Default.ReadString(Pool("subnet: fd00::/64")), context);
        Assert.Equal([new ValidationProblem(P, "spec.ipVersion", "IPv6 is disabled")], problems);
    }

    [Fact]
    public void UnsupportedNicIsRejectedWhenTheListIsKnown()
    {
        var context = new ValidationContext(new ValidationSettings { SupportedNicIds = ["15b3 1017 1018", "8086 1592 1889"] });
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(
            ManifestReader.Default.ReadString(Policy("nicSelector: {vendor: \"15b3\", deviceID: \"1021\"}") + "---\n" + Policy("nicSelector: {vendor: \"14e4\"}", name: "q")),
            context);
        Assert.Equal(
            [
                new ValidationProblem(Pol, "spec.nicSelector.deviceID", "vendor/device 15b3/1021 is not supported"),
                new ValidationProblem("SriovNetworkNodePolicy/kube-system/q", "spec.nicSelector.vendor", "vendor 14e4 is not supported"),
            ],
            problems);
    }

    [Fact]
    public void UnknownKindOfAKnownGroupIsAWarningAndOtherKindsAreIgnored()
    {
        const string yaml = """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPoool
            metadata: {name: x}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec: {whatever: 1}
            """;
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(ManifestReader.Default.ReadString(yaml));
        Assert.Equal(
            [new ValidationProblem("SpiderIPPoool/x", "kind", "spiderpool.spidernet.io/v2beta1 SpiderIPPoool is not a kind Dragline knows; it was not checked", ValidationSeverity.Warning)],
            problems);
    }
}
