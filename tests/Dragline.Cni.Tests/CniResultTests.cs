using System.Text.Json;

namespace Dragline.Cni.Tests;

public sealed class CniResultTests
{
    private static CniResult Full() => new()
    {
        CniVersion = "1.1.0",
        Interfaces = [new CniInterface { Name = "eth0", Mac = "02:00:00:00:00:01", Mtu = 9000, Sandbox = "/var/run/netns/x", SocketPath = "/run/x.sock", PciId = "0000:3b:00.2" }],
        Ips =
        [
            new CniIpConfig { Interface = 0, Address = "10.6.1.21/16", Gateway = "10.6.0.1" },
            new CniIpConfig { Interface = 0, Address = "fd00:6::15/64", Gateway = "fd00:6::1" },
        ],
        Routes = [new CniRoute { Dst = "0.0.0.0/0", Gw = "10.6.0.1", Mtu = 1500, AdvMss = 1400, Priority = 100, Table = 101, Scope = 0 }],
        Dns = new CniDns { Nameservers = ["10.96.0.10"], Domain = "cluster.local", Search = ["svc.cluster.local"], Options = ["ndots:5"] },
    };

    private static JsonElement Json(CniResult r) => JsonDocument.Parse(r.ToJson()).RootElement;

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    public void Up_to_0_4_0_ips_carry_version_and_1_1_fields_are_dropped(string version)
    {
        JsonElement j = Json(Full().ConvertTo(CniVersion.Parse(version)));

        Assert.Equal(version, j.GetProperty("cniVersion").GetString());
        JsonElement[] ips = j.GetProperty("ips").EnumerateArray().ToArray();
        Assert.Equal("4", ips[0].GetProperty("version").GetString());
        Assert.Equal("6", ips[1].GetProperty("version").GetString());
        Assert.Equal("10.6.1.21/16", ips[0].GetProperty("address").GetString());
        Assert.Equal(0, ips[0].GetProperty("interface").GetInt32());
        JsonElement route = j.GetProperty("routes")[0];
        Assert.Equal(["dst", "gw"], route.EnumerateObject().Select(p => p.Name).ToArray());
        JsonElement iface = j.GetProperty("interfaces")[0];
        Assert.Equal(["name", "mac", "sandbox"], iface.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("cluster.local", j.GetProperty("dns").GetProperty("domain").GetString());
    }

    [Fact]
    public void In_1_0_0_ips_have_no_version_and_1_1_fields_are_dropped()
    {
        JsonElement j = Json(Full().ConvertTo(CniVersion.V1_0_0));

        Assert.Equal("1.0.0", j.GetProperty("cniVersion").GetString());
        Assert.All(j.GetProperty("ips").EnumerateArray(), ip => Assert.False(ip.TryGetProperty("version", out _)));
        Assert.False(j.GetProperty("routes")[0].TryGetProperty("mtu", out _));
        Assert.False(j.GetProperty("interfaces")[0].TryGetProperty("pciID", out _));
    }

    [Fact]
    public void In_1_1_0_everything_is_kept()
    {
        JsonElement j = Json(Full().ConvertTo(CniVersion.V1_1_0));

        Assert.All(j.GetProperty("ips").EnumerateArray(), ip => Assert.False(ip.TryGetProperty("version", out _)));
        JsonElement route = j.GetProperty("routes")[0];
        Assert.Equal(1500, route.GetProperty("mtu").GetInt32());
        Assert.Equal(1400, route.GetProperty("advmss").GetInt32());
        Assert.Equal(100, route.GetProperty("priority").GetInt32());
        Assert.Equal(101, route.GetProperty("table").GetInt32());
        Assert.Equal(0, route.GetProperty("scope").GetInt32());
        JsonElement iface = j.GetProperty("interfaces")[0];
        Assert.Equal(9000, iface.GetProperty("mtu").GetInt32());
        Assert.Equal("/run/x.sock", iface.GetProperty("socketPath").GetString());
        Assert.Equal("0000:3b:00.2", iface.GetProperty("pciID").GetString());
    }

    [Fact]
    public void A_0_4_0_result_read_back_converts_up_without_its_version_field()
    {
        string old = """{"cniVersion":"0.4.0","ips":[{"version":"4","address":"192.168.1.5/24","gateway":"192.168.1.1"}],"dns":{}}""";
        CniResult parsed = CniResult.Parse(JsonDocument.Parse(old).RootElement);

        JsonElement j = Json(parsed.ConvertTo(CniVersion.V1_0_0));

        Assert.Equal("192.168.1.5/24", j.GetProperty("ips")[0].GetProperty("address").GetString());
        Assert.False(j.GetProperty("ips")[0].TryGetProperty("version", out _));
    }

    [Theory]
    [InlineData("0.2.0")]
    [InlineData("0.1.0")]
    [InlineData("2.0.0")]
    public void Converting_to_an_unsupported_version_is_code_1(string version)
    {
        var ex = Assert.Throws<CniException>(() => Full().ConvertTo(CniVersion.Parse(version)));
        Assert.Equal(CniErrorCode.IncompatibleVersion, ex.Code);
        Assert.Contains(version, ex.Message);
    }

    [Fact]
    public void An_address_without_prefix_cannot_get_a_version_field()
    {
        var r = new CniResult { Ips = [new CniIpConfig { Address = "10.0.0.1" }] };
        var ex = Assert.Throws<CniException>(() => r.ConvertTo(CniVersion.V0_4_0));
        Assert.Equal(CniErrorCode.DecodingFailure, ex.Code);
        Assert.Contains("\"10.0.0.1\"", ex.Message);
    }

    [Fact]
    public void A_prevResult_of_the_wrong_shape_is_code_6()
    {
        var ex = Assert.Throws<CniException>(() => CniResult.Parse(JsonDocument.Parse("""{"ips":"nope"}""").RootElement, "prevResult"));
        Assert.Equal(CniErrorCode.DecodingFailure, ex.Code);
        Assert.StartsWith("prevResult", ex.Message);
    }
}
