using Dragline.Api.Model;
using Dragline.Api.Printing;
using Dragline.Api.Serialization;

namespace Dragline.Api.Tests.Printing;

public sealed class PrinterColumnsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static KubeObject[] Read(string yaml) => [.. ManifestReader.Default.ReadString(yaml).Select(d => d.Object)];

    private const string Pools = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata: {name: v4-81}
        spec:
          ipVersion: 4
          subnet: 172.81.0.0/16
          ips: [172.81.0.100-172.81.0.120]
          excludeIPs: [172.81.0.110]
          default: true
          nodeName: [node1, node2]
          podAffinity: {matchLabels: {ipam.spidernet.io/app-namespace: kube-system}}
        ---
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderIPPool
        metadata: {name: v6}
        spec:
          subnet: "fd00::/120"
          ips: ["fd00::1-fd00::ff"]
        status: {allocatedIPCount: 3, totalIPCount: 7}
        """;

    [Fact]
    public void PoolColumnsComputeTotalFromSpecWhenStatusIsAbsent()
    {
        PrinterTable table = PrinterColumns.Table(Read(Pools), wide: false, Now);
        Assert.Equal(
            """
            NAME    VERSION   SUBNET          ALLOCATED-IP-COUNT   TOTAL-IP-COUNT   DEFAULT
            v4-81   4         172.81.0.0/16   0                    20               true
            v6                fd00::/120      3                    7

            """.ReplaceLineEndings("\n"),
            table.Format());
    }

    [Fact]
    public void WidePoolColumns()
    {
        PrinterTable table = PrinterColumns.Table(Read(Pools), wide: true, Now);
        Assert.Equal(["NAME", "VERSION", "SUBNET", "ALLOCATED-IP-COUNT", "TOTAL-IP-COUNT", "DEFAULT", "DISABLE", "NODENAME", "MULTUSNAME", "APP-NAMESPACE"], table.Headers);
        Assert.Equal(["v4-81", "4", "172.81.0.0/16", "0", "20", "true", "", "[\"node1\",\"node2\"]", "", "kube-system"], table.Rows[0]);
    }

    [Fact]
    public void EndpointColumnsComeFromTheFirstInterface()
    {
        const string yaml = """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderEndpoint
            metadata: {name: pod-a, namespace: default}
            status:
              current:
                node: node1
                ips:
                - {interface: eth0, ipv4: 172.81.0.101/16, ipv4Pool: v4-81}
                - {interface: net1, ipv4: 10.0.0.2/24, ipv4Pool: other}
            """;
        PrinterTable table = PrinterColumns.Table(Read(yaml), wide: false, Now);
        Assert.Equal(["NAME", "INTERFACE", "IPV4POOL", "IPV4", "IPV6POOL", "IPV6", "NODE"], table.Headers);
        Assert.Equal(["pod-a", "eth0", "v4-81", "172.81.0.101/16", "", "", "node1"], table.Rows[0]);
    }

    [Fact]
    public void KindsWithoutColumnsGetNameAndAge()
    {
        const string yaml = """
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata: {name: p, namespace: kube-system, creationTimestamp: "2026-01-02T02:00:00Z"}
            spec: {resourceName: r}
            """;
        PrinterTable table = PrinterColumns.Table(Read(yaml), wide: true, Now);
        Assert.Equal(["NAME", "AGE"], table.Headers);
        Assert.Equal(["p", "64m"], table.Rows[0]);
    }

    [Theory]
    [InlineData(59, "59s")]
    [InlineData(119, "119s")]
    [InlineData(125, "2m5s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 120, "3h2m")]
    [InlineData(10 * 3600, "10h")]
    [InlineData(3 * 86400 + 3600, "3d1h")]
    [InlineData(30 * 86400, "30d")]
    [InlineData(3 * 365 * 86400, "3y")]
    public void AgeIsKubectlShortForm(int seconds, string expected) =>
        Assert.Equal(expected, PrinterColumns.FormatAge((Now - TimeSpan.FromSeconds(seconds)).ToString("o"), Now));

    [Fact]
    public void ReservedAndSubnetColumns()
    {
        const string yaml = """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderSubnet
            metadata: {name: s}
            spec: {ipVersion: 4, subnet: 10.0.0.0/24, ips: [10.0.0.1-10.0.0.100]}
            ---
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderReservedIP
            metadata: {name: r}
            spec: {ipVersion: 4, ips: [10.0.0.1]}
            """;
        KubeObject[] objects = Read(yaml);
        Assert.Equal(["s", "4", "10.0.0.0/24", "0", "100"], PrinterColumns.Table([objects[0]], wide: false, Now).Rows[0]);
        Assert.Equal(["NAME", "VERSION"], PrinterColumns.Table([objects[1]], wide: false, Now).Headers);
    }
}
