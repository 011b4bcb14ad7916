using System.Text.Json.Nodes;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Serialization;

namespace Dragline.Api.Tests.Serialization;

public sealed class ManifestWriterTests
{
    private const string FullPool = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata:
          name: v4-81
          labels:
            ipam.spidernet.io/ippool-cidr: 172-81-0-0-16
          finalizers:
          - spiderpool.spidernet.io
        spec:
          ipVersion: 4
          subnet: 172.81.0.0/16
          ips:
          - 172.81.0.100-172.81.0.120
          excludeIPs:
          - 172.81.0.110
          gateway: 172.81.0.1
          routes:
          - dst: 10.10.0.0/16
            gw: 172.81.0.2
          podAffinity:
            matchLabels:
              ipam.spidernet.io/app-namespace: default
            matchExpressions:
            - key: app
              operator: In
              values: [a, b]
          namespaceName: [default]
          nodeName: [node1, node2]
          multusName: [kube-system/ib-sriov]
          default: false
          disable: false
          futureField: {kept: "yes"}
        status:
          allocatedIPs: '{"172.81.0.100":{"pod":"default/a","podUid":"u1"}}'
          totalIPCount: 20
          allocatedIPCount: 1
        """;

    private const string FullPolicy = """
        apiVersion: sriovnetwork.openshift.io/v1
        kind: SriovNetworkNodePolicy
        metadata:
          name: policyibsriov
          namespace: kube-system
        spec:
          resourceName: mellanoxibsriov
          nodeSelector:
            kubernetes.io/os: "linux"
          priority: 99
          mtu: 9000
          needVhostNet: false
          numVfs: 12
          nicSelector:
            vendor: "15b3"
            deviceID: "1017"
            rootDevices: ["0000:86:00.0"]
            pfNames: ["ibs5f0#0-5"]
          deviceType: netdevice
          isRdma: true
          linkType: IB
          excludeTopology: false
          externallyManaged: false
        """;

    private const string FullNodeState = """
        apiVersion: sriovnetwork.openshift.io/v1
        kind: SriovNetworkNodeState
        metadata:
          name: node1
          namespace: kube-system
          annotations:
            sriovnetwork.openshift.io/desired-state: Idle
        spec:
          interfaces:
          - pciAddress: "0000:86:00.0"
            numVfs: 12
            mtu: 2048
            name: ibs5f0
            linkType: IB
            vfGroups:
            - resourceName: mellanoxibsriov
              deviceType: netdevice
              vfRange: 0-11
              policyName: policyibsriov
              isRdma: true
          system:
            rdmaMode: exclusive
        status:
          interfaces:
          - name: ibs5f0
            mac: "00:00:10:29:fe:80:00:00:00:00:00:00:0c:42:a1:03:00:6d:9b:0c"
            driver: mlx5_core
            pciAddress: "0000:86:00.0"
            vendor: "15b3"
            deviceID: "1017"
            mtu: 2048
            numVfs: 12
            linkSpeed: 100000 Mb/s
            linkType: IB
            linkAdminState: up
            totalvfs: 127
            altNames: [enp134s0f0]
            Vfs:
            - name: ibs5f0v0
              pciAddress: "0000:86:00.1"
              vendor: "15b3"
              deviceID: "1018"
              driver: mlx5_core
              Vlan: 0
              mtu: 2048
              vfID: 0
              guid: "02:00:00:00:00:00:00:01"
          syncStatus: Succeeded
        """;

    private const string FullEndpoint = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderEndpoint
        metadata:
          name: rdma-sriov-abcde
          namespace: default
        status:
          current:
            uid: 4009cb83-bd17-4b08-92f0-2ea0cd3d64fc
            node: node1
            ips:
            - interface: eth0
              ipv4: 172.81.0.101/16
              ipv4Pool: v4-81
              vlan: 0
              ipv4Gateway: 172.81.0.1
              cleanGateway: false
              routes: [{dst: 10.0.0.0/8, gw: 172.81.0.1}]
              mac: "02:11:22:33:44:55"
          ownerControllerType: DaemonSet
          ownerControllerName: rdma-sriov
        """;

    private const string FullSubnetAndReserved = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderSubnet
        metadata: {name: s}
        spec:
          ipVersion: 6
          subnet: fd00::/64
          ips: ["fd00::10-fd00::ff"]
          excludeIPs: ["fd00::20"]
          gateway: fd00::1
        status:
          controlledIPPools: '{"p":{"ips":["fd00::10-fd00::1f"],"application":"apps/v1:Deployment:default:a"}}'
          totalIPCount: 239
          allocatedIPCount: 16
        ---
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderReservedIP
        metadata: {name: r}
        spec:
          ipVersion: 4
          ips: [10.0.0.1, 10.0.0.5-10.0.0.9]
        """;

    [Theory]
    [InlineData(FullPool)]
    [InlineData(FullPolicy)]
    [InlineData(FullNodeState)]
    [InlineData(FullEndpoint)]
    [InlineData(FullSubnetAndReserved)]
    public void YamlToModelToYamlAndJsonRoundTrips(string yaml)
    {
        IReadOnlyList<ManifestDocument> first = ManifestReader.Default.ReadString(yaml);
        Assert.All(first, d => Assert.True(d.IsTyped, d.DecodeError?.Message));
        KubeObject[] objects = [.. first.Select(d => d.Object)];

        // Model → JSON equals what was read (nothing lost, nothing added).
        for (int i = 0; i < objects.Length; i++)
        {
            JsonObject written = ManifestWriter.Default.ToJsonNode(objects[i]);
            Assert.True(JsonNode.DeepEquals(first[i].Json, written), $"model→JSON differs:\n{first[i].Json}\n---\n{written}");
        }

        // YAML → model → YAML → model.
        string yamlAgain = ManifestWriter.Default.ToYaml(objects);
        IReadOnlyList<ManifestDocument> second = ManifestReader.Default.ReadString(yamlAgain);
        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < objects.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(first[i].Json, second[i].Json), $"YAML round trip differs:\n{yamlAgain}");
            Assert.Equal(first[i].UnknownFields.Select(f => f.Path), second[i].UnknownFields.Select(f => f.Path));
        }

        // YAML → model → JSON → model.
        foreach (KubeObject obj in objects)
        {
            string json = ManifestWriter.Default.ToJson(obj);
            ManifestDocument fromJson = Assert.Single(ManifestReader.Default.ReadString(json));
            Assert.True(JsonNode.DeepEquals(ManifestWriter.Default.ToJsonNode(obj), fromJson.Json), json);
        }
    }

    [Fact]
    public void YamlKeepsPropertyOrderAndQuotesAmbiguousStrings()
    {
        var pool = new SpiderIPPool();
        pool.Metadata.Name = "p";
        pool.Metadata.Labels = new Dictionary<string, string> { ["a"] = "true", ["b"] = "12", ["c"] = "plain", ["d"] = "yes", ["e"] = "1_000", ["f"] = "15b3", ["g"] = "0000:86:00.0" };
        pool.Spec.Subnet = "10.0.0.0/24";
        pool.Spec.IPVersion = 4;
        pool.Spec.IPs = ["10.0.0.1-10.0.0.9"];
        Assert.Equal(
            """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: p
              labels:
                a: 'true'
                b: '12'
                c: plain
                d: 'yes'
                e: '1_000'
                f: 15b3
                g: 0000:86:00.0
            spec:
              ipVersion: 4
              subnet: 10.0.0.0/24
              ips:
              - 10.0.0.1-10.0.0.9

            """.ReplaceLineEndings("\n"),
            ManifestWriter.Default.ToYaml(pool).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void YamlSeparatesDocumentsAndWritesUnstructuredAsRead()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
            data:
              script: |
                line one
                line two
            ---
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderReservedIP
            metadata:
              name: r
            spec:
              ips:
              - 10.0.0.1
            """;
        IReadOnlyList<ManifestDocument> docs = ManifestReader.Default.ReadString(yaml);
        string written = ManifestWriter.Default.ToYaml(docs.Select(d => d.Object));
        Assert.Equal(yaml.ReplaceLineEndings("\n") + "\n", written.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void JsonIsKubectlStyleAndSeveralObjectsFormAList()
    {
        var reserved = new SpiderReservedIP();
        reserved.Metadata.Name = "r";
        reserved.Spec.IPs = ["10.0.0.1"];
        Assert.Equal(
            """
            {
                "apiVersion": "spiderpool.spidernet.io/v2beta1",
                "kind": "SpiderReservedIP",
                "metadata": {
                    "name": "r"
                },
                "spec": {
                    "ips": [
                        "10.0.0.1"
                    ]
                }
            }

            """.ReplaceLineEndings("\n"),
            ManifestWriter.Default.ToJson(reserved).ReplaceLineEndings("\n"));

        JsonNode list = JsonNode.Parse(ManifestWriter.Default.ToJson([reserved, reserved]))!;
        Assert.Equal("List", list["kind"]!.GetValue<string>());
        Assert.Equal(2, list["items"]!.AsArray().Count);
    }
}
