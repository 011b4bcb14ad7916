using System.Text.Json;
using System.Text.Json.Nodes;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;

namespace Dragline.Api.Tests.Serialization;

public sealed class ManifestReaderTests
{
    [Fact]
    public void ReadsMultiDocumentYamlIntoTypedObjectsWithSources()
    {
        const string yaml = """
            # leading comment
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: v4-81
            spec:
              subnet: 172.81.0.0/16
              ips:
              - 172.81.0.100-172.81.0.120
            ---
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata:
              name: p1
              namespace: kube-system
            spec:
              numVfs: 12
              isRdma: true
              resourceName: r
            ---
            """;
        IReadOnlyList<ManifestDocument> docs = ManifestReader.Default.ReadString(yaml, "x.yaml");

        Assert.Equal(2, docs.Count);
        SpiderIPPool pool = Assert.IsType<SpiderIPPool>(docs[0].Object);
        Assert.Equal("v4-81", pool.Metadata.Name);
        Assert.Equal("172.81.0.0/16", pool.Spec.Subnet);
        Assert.Equal(["172.81.0.100-172.81.0.120"], pool.Spec.IPs);
        Assert.Equal(new ManifestSource("x.yaml", 0, 2), docs[0].Source);
        SriovNetworkNodePolicy policy = Assert.IsType<SriovNetworkNodePolicy>(docs[1].Object);
        Assert.Equal(12, policy.Spec.NumVfs);
        Assert.True(policy.Spec.IsRdma);
        Assert.Equal(1, docs[1].Source.DocumentIndex);
        Assert.Equal(11, docs[1].Source.Line);
        Assert.Equal("SriovNetworkNodePolicy/kube-system/p1", policy.DisplayName);
        Assert.Empty(docs[0].UnknownFields);
    }

    [Fact]
    public void UnknownKindBecomesUnstructuredAndKeepsItsContent()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: rdma-sriov
              namespace: default
            spec:
              template:
                spec:
                  containers:
                  - name: c
                    resources: {limits: {spidernet.io/mellanoxibsriov: 1}}
            """;
        ManifestDocument doc = Assert.Single(ManifestReader.Default.ReadString(yaml));
        UnstructuredObject obj = Assert.IsType<UnstructuredObject>(doc.Object);
        Assert.False(doc.IsTyped);
        Assert.Equal("DaemonSet/default/rdma-sriov", obj.DisplayName);
        Assert.Equal(1, obj.Content["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["limits"]!["spidernet.io/mellanoxibsriov"]!.GetValue<long>());
        Assert.Null(doc.DecodeError);
    }

    [Fact]
    public void UnknownFieldsAreFoundWithPathAndLine()
    {
        const string yaml = """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: p
              managedFields: []
            spec:
              subnet: 10.0.0.0/24
              ipss:
              - 10.0.0.1
              routes:
              - dst: 10.1.0.0/16
                via: 10.0.0.1
              podAffinity:
                matchLabel: {a: b}
            oops: 1
            """;
        ManifestDocument doc = Assert.Single(ManifestReader.Default.ReadString(yaml));
        Assert.True(doc.IsTyped);
        Assert.Equal(
            [new UnknownField("oops", 15), new UnknownField("spec.ipss", 8), new UnknownField("spec.routes[0].via", 12), new UnknownField("spec.podAffinity.matchLabel", 14)],
            doc.UnknownFields.OrderBy(f => f.Path == "oops" ? 0 : 1).ThenBy(f => f.Line));
    }

    [Fact]
    public void ReadsSingleJsonDocument()
    {
        const string json = """
            {"apiVersion":"spiderpool.spidernet.io/v2beta1","kind":"SpiderReservedIP","metadata":{"name":"r"},
             "spec":{"ipVersion":4,"ips":["10.0.0.1"]}}
            """;
        SpiderReservedIP reserved = Assert.IsType<SpiderReservedIP>(Assert.Single(ManifestReader.Default.ReadString(json)).Object);
        Assert.Equal(4, reserved.Spec.IPVersion);
        Assert.Equal(["10.0.0.1"], reserved.Spec.IPs);
    }

    [Fact]
    public void ReadsKindListItems()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: spiderpool.spidernet.io/v2beta1
              kind: SpiderIPPool
              metadata: {name: a}
              spec: {subnet: 10.0.0.0/24}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: b, namespace: x}
            """;
        IReadOnlyList<ManifestDocument> docs = ManifestReader.Default.ReadString(yaml, "list.yaml");
        Assert.Equal(2, docs.Count);
        Assert.IsType<SpiderIPPool>(docs[0].Object);
        Assert.Equal(0, docs[0].Source.ItemIndex);
        Assert.Equal(4, docs[0].Source.Line);
        Assert.Equal("ConfigMap/x/b", docs[1].Object.DisplayName);
        Assert.Equal(1, docs[1].Source.ItemIndex);
    }

    [Fact]
    public void YamlSyntaxErrorNamesSourceAndLine()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [a\n";
        ManifestSyntaxException ex = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadString(yaml, "bad.yaml"));
        Assert.Equal("bad.yaml", ex.SourceName);
        Assert.True(ex.Line >= 4, $"line {ex.Line}");
        Assert.StartsWith($"bad.yaml:{ex.Line}:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeyIsASyntaxError()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nkind: Secret\n";
        ManifestSyntaxException ex = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadString(yaml, "dup.yaml"));
        Assert.Equal(3, ex.Line);
        Assert.Contains("kind", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentThatIsNotAnObjectIsASyntaxError()
    {
        ManifestSyntaxException ex = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Default.ReadString("- a\n- b\n", "l.yaml"));
        Assert.Equal("l.yaml:1:1: document 0 is a list, not an object with apiVersion and kind", ex.Message);
    }

    [Fact]
    public void WrongFieldTypeIsADecodeErrorWithPathAndLine()
    {
        const string yaml = """
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata: {name: p, namespace: kube-system}
            spec:
              resourceName: r
              numVfs: "12"
            """;
        ManifestDocument doc = Assert.Single(ManifestReader.Default.ReadString(yaml));
        Assert.False(doc.IsTyped);
        Assert.Equal(new ManifestDecodeError("spec.numVfs", "wrong type: got string \"12\"; expected an integer", 6), doc.DecodeError);
        Assert.Equal("SriovNetworkNodePolicy/kube-system/p", doc.Object.DisplayName);
    }

    [Fact]
    public void MissingKindIsADecodeError()
    {
        ManifestDocument doc = Assert.Single(ManifestReader.Default.ReadString("apiVersion: v1\nmetadata: {name: x}\n"));
        Assert.Equal("kind", doc.DecodeError?.Path);
        Assert.Equal("'kind' is missing: every object needs apiVersion and kind", doc.DecodeError?.Message);
    }

    [Fact]
    public void LineOfFindsFieldLines()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n";
        ManifestDocument doc = Assert.Single(ManifestReader.Default.ReadString(yaml));
        Assert.Equal(6, doc.LineOf("data.a"));
        Assert.Null(doc.LineOf("data.zzz"));
    }

    [Theory]
    [InlineData("v: 12", JsonValueKind.Number, "12")]
    [InlineData("v: '12'", JsonValueKind.String, "\"12\"")]
    [InlineData("v: \"true\"", JsonValueKind.String, "\"true\"")]
    [InlineData("v: true", JsonValueKind.True, "true")]
    [InlineData("v: False", JsonValueKind.False, "false")]
    [InlineData("v: yes", JsonValueKind.String, "\"yes\"")]
    [InlineData("v: ~", JsonValueKind.Null, "null")]
    [InlineData("v:", JsonValueKind.Null, "null")]
    [InlineData("v: null", JsonValueKind.Null, "null")]
    [InlineData("v: 0x1F", JsonValueKind.Number, "31")]
    [InlineData("v: 0o17", JsonValueKind.Number, "15")]
    [InlineData("v: 012", JsonValueKind.Number, "12")]
    [InlineData("v: -7", JsonValueKind.Number, "-7")]
    [InlineData("v: 1.5", JsonValueKind.Number, "1.5")]
    [InlineData("v: 1e3", JsonValueKind.Number, "1000")]
    [InlineData("v: 123456789012345678901234567890", JsonValueKind.Number, "123456789012345678901234567890")]
    [InlineData("v: .inf", JsonValueKind.String, "\".inf\"")]
    [InlineData("v: 0000:86:00.0", JsonValueKind.String, "\"0000:86:00.0\"")]
    [InlineData("v: 10.0.0.1", JsonValueKind.String, "\"10.0.0.1\"")]
    [InlineData("v: 1.2.3", JsonValueKind.String, "\"1.2.3\"")]
    [InlineData("v: !!str 12", JsonValueKind.String, "\"12\"")]
    [InlineData("v: |\n  a\n  b", JsonValueKind.String, "\"a\\nb\\n\"")]
    [InlineData("v: |-\n  a\n  b", JsonValueKind.String, "\"a\\nb\"")]
    public void ResolvesScalarsByYaml12CoreSchema(string yaml, JsonValueKind kind, string json)
    {
        ManifestDocument doc = Assert.Single(ManifestReader.Default.ReadString("apiVersion: v1\nkind: X\n" + yaml + "\n"));
        JsonNode? value = doc.Json["v"];
        Assert.Equal(kind, value?.GetValueKind() ?? JsonValueKind.Null);
        Assert.Equal(json, value?.ToJsonString() ?? "null");
    }

    [Fact]
    public void StatusAllocatedIPsParsesAndFormats()
    {
        var status = new IPPoolStatus
        {
            AllocatedIPs = """{"172.18.40.10":{"pod":"default/app-58b7766c7c-mvwpf","podUid":"4009cb83-bd17-4b08-92f0-2ea0cd3d64fc"}}""",
        };
        SortedDictionary<string, PoolIPAllocation> records = status.ParseAllocatedIPs();
        PoolIPAllocation record = Assert.Single(records).Value;
        Assert.Equal("default/app-58b7766c7c-mvwpf", record.Pod);
        records["172.18.40.2"] = new PoolIPAllocation { Pod = "a/b", PodUid = "u" };
        Assert.Equal(
            """{"172.18.40.10":{"pod":"default/app-58b7766c7c-mvwpf","podUid":"4009cb83-bd17-4b08-92f0-2ea0cd3d64fc"},"172.18.40.2":{"pod":"a/b","podUid":"u"}}""",
            IPPoolStatus.FormatAllocatedIPs(records));
        Assert.Null(IPPoolStatus.FormatAllocatedIPs(new Dictionary<string, PoolIPAllocation>()));
    }

    [Fact]
    public void MalformedAllocatedIPsThrowsWithReason()
    {
        var status = new IPPoolStatus { AllocatedIPs = "[1,2]" };
        Dragline.Core.DraglineException ex = Assert.Throws<Dragline.Core.DraglineException>(() => status.ParseAllocatedIPs());
        Assert.StartsWith("status.allocatedIPs is not a JSON object", ex.Message, StringComparison.Ordinal);
    }
}
