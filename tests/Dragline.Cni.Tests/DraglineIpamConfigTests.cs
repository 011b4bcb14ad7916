using System.Text;
using Dragline.Cni.Plugins;
using Dragline.Cni.Plugins.Ipam;

namespace Dragline.Cni.Tests;

public sealed class DraglineIpamConfigTests
{
    private static DraglineIpamConfig ParseIpam(string ipamJson, string extra = "")
        => DraglineIpamConfig.Parse(CniNetworkConfig.Parse(Encoding.UTF8.GetBytes(
            $$$"""{"cniVersion":"1.0.0","name":"n","type":"macvlan"{{{extra}}},"ipam":{{{ipamJson}}}}""")));

    [Fact]
    public void Defaults_when_only_the_type_is_given()
    {
        DraglineIpamConfig c = ParseIpam("""{"type":"dragline-ipam"}""");

        Assert.Equal("/run/dragline/agent.sock", c.SocketPath);
        Assert.Empty(c.DefaultIpv4Pools);
        Assert.Empty(c.DefaultIpv6Pools);
        Assert.Null(c.CleanGateway);
        Assert.Null(c.MatchMasterSubnet);
        Assert.Null(c.LogFilePath);
        Assert.Equal(PluginLogLevel.Info, c.LogLevel);
        Assert.Empty(c.RequestedIps);
        Assert.Empty(c.IgnoredKeys);
    }

    [Fact]
    public void Reads_every_key_including_spiderpools_names()
    {
        DraglineIpamConfig c = ParseIpam("""
            {"type":"spiderpool","ipam_unix_socket_path":"/var/run/spidernet/spiderpool.sock",
             "default_ipv4_ippool":["v4-a","rail-*"],"default_ipv6_ippool":["v6-a"],
             "clean_gateway":true,"match_master_subnet":false,
             "log_level":"DEBUG","log_file_path":"/var/log/dragline/ipam.log",
             "log_file_max_size":10,"log_file_max_age":2,"log_file_max_count":3}
            """);

        Assert.Equal("/var/run/spidernet/spiderpool.sock", c.SocketPath);
        Assert.Equal(["v4-a", "rail-*"], c.DefaultIpv4Pools);
        Assert.Equal(["v6-a"], c.DefaultIpv6Pools);
        Assert.True(c.CleanGateway);
        Assert.False(c.MatchMasterSubnet);
        Assert.Equal(PluginLogLevel.Debug, c.LogLevel);
        Assert.Equal("/var/log/dragline/ipam.log", c.LogFilePath);
        Assert.Equal(10, c.LogFileMaxSizeMegabytes);
        Assert.Equal(2, c.LogFileMaxAgeDays);
        Assert.Equal(3, c.LogFileMaxCount);
    }

    [Fact]
    public void Socket_wins_and_an_identical_spiderpool_socket_is_accepted()
    {
        Assert.Equal("/tmp/a.sock", ParseIpam("""{"socket":"/tmp/a.sock","ipam_unix_socket_path":"/tmp/a.sock"}""").SocketPath);
    }

    [Fact]
    public void Unknown_keys_are_ignored_and_listed()
    {
        Assert.Equal(["routes", "subnet"], ParseIpam("""{"type":"dragline-ipam","routes":[],"subnet":"10.0.0.0/8"}""").IgnoredKeys);
    }

    [Fact]
    public void Requested_addresses_come_from_runtimeConfig_and_args()
    {
        DraglineIpamConfig c = ParseIpam(
            """{"type":"dragline-ipam"}""",
            ""","runtimeConfig":{"ips":["10.6.1.21/16"]},"args":{"cni":{"ips":["10.6.1.22","10.6.1.21/16"]}}""");

        Assert.Equal(["10.6.1.21/16", "10.6.1.22"], c.RequestedIps);
    }

    [Theory]
    [InlineData("""{"clean_gateway":"yes"}""", "ipam.clean_gateway", "\"yes\"")]
    [InlineData("""{"match_master_subnet":1}""", "ipam.match_master_subnet", "1")]
    [InlineData("""{"default_ipv4_ippool":"pool-a"}""", "ipam.default_ipv4_ippool", "\"pool-a\"")]
    [InlineData("""{"default_ipv6_ippool":{"a":1}}""", "ipam.default_ipv6_ippool", "{\"a\":1}")]
    [InlineData("""{"default_ipv4_ippool":["ok",7]}""", "ipam.default_ipv4_ippool[1]", "7")]
    [InlineData("""{"default_ipv4_ippool":["Pool_A"]}""", "ipam.default_ipv4_ippool[0]", "\"Pool_A\"")]
    [InlineData("""{"default_ipv4_ippool":[""]}""", "ipam.default_ipv4_ippool[0]", "\"\"")]
    [InlineData("""{"socket":"run/agent.sock"}""", "ipam.socket", "\"run/agent.sock\"")]
    [InlineData("""{"socket":42}""", "ipam.socket", "42")]
    [InlineData("""{"ipam_unix_socket_path":""}""", "ipam.ipam_unix_socket_path", "\"\"")]
    [InlineData("""{"socket":"/a.sock","ipam_unix_socket_path":"/b.sock"}""", "ipam.ipam_unix_socket_path", "\"/b.sock\"")]
    [InlineData("""{"log_level":"loud"}""", "ipam.log_level", "\"loud\"")]
    [InlineData("""{"log_file_path":"relative.log"}""", "ipam.log_file_path", "\"relative.log\"")]
    [InlineData("""{"log_file_max_size":-1}""", "ipam.log_file_max_size", "-1")]
    [InlineData("""{"log_file_max_age":"30"}""", "ipam.log_file_max_age", "\"30\"")]
    [InlineData("""{"log_file_max_count":1.5}""", "ipam.log_file_max_count", "1.5")]
    [InlineData("""{"type":5}""", "ipam.type", "5")]
    [InlineData("\"dragline-ipam\"", "\"ipam\" must be an object", "\"dragline-ipam\"")]
    public void A_bad_value_is_code_7_naming_the_key_and_the_value(string ipam, string key, string value)
    {
        var ex = Assert.Throws<CniException>(() => ParseIpam(ipam));
        Assert.Equal(CniErrorCode.InvalidNetworkConfig, ex.Code);
        Assert.Contains(key, ex.Message);
        Assert.Contains(value, ex.Message);
    }

    [Theory]
    [InlineData("""{"ips":["10.0.0.300"]}""", "runtimeConfig.ips[0]")]
    [InlineData("""{"ips":"10.0.0.1"}""", "runtimeConfig.ips")]
    [InlineData("""{"ips":["10.0.0.1/33"]}""", "runtimeConfig.ips[0]")]
    [InlineData("""{"ips":["fe80::1%eth0"]}""", "runtimeConfig.ips[0]")]
    public void A_bad_requested_address_is_code_7(string runtimeConfig, string key)
    {
        var ex = Assert.Throws<CniException>(() => ParseIpam("""{"type":"dragline-ipam"}""", $",\"runtimeConfig\":{runtimeConfig}"));
        Assert.Equal(CniErrorCode.InvalidNetworkConfig, ex.Code);
        Assert.Contains(key, ex.Message);
    }

    [Fact]
    public void A_missing_ipam_section_is_code_7()
    {
        var ex = Assert.Throws<CniException>(() => DraglineIpamConfig.Parse(CniNetworkConfig.Parse("""{"cniVersion":"1.0.0","name":"n","type":"macvlan"}"""u8)));
        Assert.Equal(CniErrorCode.InvalidNetworkConfig, ex.Code);
        Assert.Contains("\"ipam\"", ex.Message);
    }

    [Theory]
    [InlineData("pool-a", true)]
    [InlineData("rail-*", true)]
    [InlineData("v4-[ab]?", true)]
    [InlineData("a.b-c", true)]
    [InlineData("UPPER", false)]
    [InlineData("with space", false)]
    [InlineData("", false)]
    public void Pool_names_are_kubernetes_names_with_wildcards(string name, bool valid)
    {
        Assert.Equal(valid, DraglineIpamConfig.IsPoolNameOrPattern(name));
    }
}
