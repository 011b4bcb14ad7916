using System.Text;
using System.Text.Json;

namespace Dragline.Cni.Tests;

public sealed class CniPluginMainTests
{
    private readonly RecordingPlugin _plugin = new();

    private async Task<(int Exit, string Stdout)> Run(string command, string stdin, params (string Key, string Value)[] extra)
    {
        var vars = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = "ctr1",
            ["CNI_NETNS"] = "/var/run/netns/ctr1",
            ["CNI_IFNAME"] = "eth0",
            ["CNI_PATH"] = "/opt/cni/bin",
        };
        foreach ((string k, string v) in extra)
        {
            vars[k] = v;
        }

        var stdout = new MemoryStream();
        int exit = await new CniPluginMain(_plugin).RunAsync(
            k => vars.GetValueOrDefault(k), new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, TestContext.Current.CancellationToken);
        return (exit, Encoding.UTF8.GetString(stdout.ToArray()));
    }

    private static string Config(string version) => $$$"""{"cniVersion":"{{{version}}}","name":"net-a","type":"macvlan","ipam":{"type":"test-plugin"}}""";

    private static JsonElement Error(string stdout, int code)
    {
        JsonElement e = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(code, e.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(e.GetProperty("msg").GetString()));
        Assert.False(string.IsNullOrEmpty(e.GetProperty("cniVersion").GetString()));
        return e;
    }

    [Fact]
    public async Task Version_lists_the_supported_versions_without_reading_stdin()
    {
        var (exit, stdout) = await Run("VERSION", "this is not read");

        Assert.Equal(0, exit);
        JsonElement j = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("1.1.0", j.GetProperty("cniVersion").GetString());
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], j.GetProperty("supportedVersions").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Empty(_plugin.Requests);
    }

    [Theory]
    [InlineData("0.3.1", true)]
    [InlineData("0.4.0", true)]
    [InlineData("1.0.0", false)]
    [InlineData("1.1.0", false)]
    public async Task Add_prints_the_result_in_the_requested_version(string version, bool hasIpVersion)
    {
        var (exit, stdout) = await Run("ADD", Config(version));

        Assert.Equal(0, exit);
        JsonElement j = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(version, j.GetProperty("cniVersion").GetString());
        Assert.Equal(hasIpVersion, j.GetProperty("ips")[0].TryGetProperty("version", out _));
        CniRequest request = Assert.Single(_plugin.Requests);
        Assert.Equal("net-a", request.NetworkName);
        Assert.Equal(CniVersion.Parse(version), request.Version);
        Assert.Equal("ctr1", request.Environment.ContainerId);
    }

    [Fact]
    public async Task Del_prints_nothing_on_success()
    {
        var (exit, stdout) = await Run("DEL", Config("1.0.0"));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal(CniCommand.Del, Assert.Single(_plugin.Requests).Command);
    }

    [Fact]
    public async Task Malformed_json_is_code_6_and_the_plugin_is_not_called()
    {
        var (exit, stdout) = await Run("ADD", """{"cniVersion":"1.0.0","name":""");
        Assert.Equal(1, exit);
        Error(stdout, 6);
        Assert.Empty(_plugin.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public async Task Empty_or_non_object_stdin_is_code_6(string stdin)
    {
        var (exit, stdout) = await Run("ADD", stdin);
        Assert.Equal(1, exit);
        Error(stdout, 6);
    }

    [Fact]
    public async Task An_unsupported_version_is_code_1_naming_it()
    {
        var (exit, stdout) = await Run("ADD", Config("0.2.0"));
        Assert.Equal(1, exit);
        Assert.Contains("\"0.2.0\"", Error(stdout, 1).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_missing_cniVersion_is_code_1()
    {
        var (exit, stdout) = await Run("ADD", """{"name":"n","type":"t","ipam":{}}""");
        Assert.Equal(1, exit);
        Assert.Contains("cniVersion", Error(stdout, 1).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_garbage_cniVersion_is_code_6()
    {
        var (exit, stdout) = await Run("ADD", Config("one"));
        Assert.Equal(1, exit);
        Error(stdout, 6);
    }

    [Fact]
    public async Task Without_cniVersion_the_highest_supported_of_cniVersions_is_used()
    {
        var (exit, stdout) = await Run("ADD", """{"cniVersions":["0.4.0","1.0.0","9.9.9"],"name":"n","type":"t"}""");
        Assert.Equal(0, exit);
        Assert.Equal("1.0.0", JsonDocument.Parse(stdout).RootElement.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public async Task Check_needs_0_4_0()
    {
        var (exit, stdout) = await Run("CHECK", Config("0.3.1"));
        Assert.Equal(1, exit);
        Assert.Contains("CHECK", Error(stdout, 1).GetProperty("msg").GetString());
        Assert.Empty(_plugin.Requests);
    }

    [Theory]
    [InlineData("GC")]
    [InlineData("STATUS")]
    public async Task Gc_and_status_need_1_1_0(string command)
    {
        var (exit, stdout) = await Run(command, Config("1.0.0"));
        Assert.Equal(1, exit);
        Assert.Contains(command, Error(stdout, 1).GetProperty("msg").GetString());
        Assert.Empty(_plugin.Requests);
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","type":"t"}""", "no \"name\"")]
    [InlineData("""{"cniVersion":"1.0.0","name":"bad/name","type":"t"}""", "\"bad/name\"")]
    public async Task A_missing_or_invalid_network_name_is_code_7(string config, string expected)
    {
        var (exit, stdout) = await Run("ADD", config);
        Assert.Equal(1, exit);
        Assert.Contains(expected, Error(stdout, 7).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task A_missing_variable_is_code_4_and_the_error_carries_the_config_version()
    {
        var (exit, stdout) = await Run("ADD", Config("0.4.0"), ("CNI_NETNS", ""));
        Assert.Equal(1, exit);
        JsonElement e = Error(stdout, 4);
        Assert.Contains("CNI_NETNS", e.GetProperty("msg").GetString());
        Assert.Equal("0.4.0", e.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public async Task An_unknown_command_is_code_4()
    {
        var (exit, stdout) = await Run("REBOOT", Config("1.0.0"));
        Assert.Equal(1, exit);
        Assert.Contains("REBOOT", Error(stdout, 4).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Stdin_beyond_the_bound_is_code_5()
    {
        string huge = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"pad\":\"" + new string('x', CniPluginMain.MaxStdinBytes) + "\"}";
        var (exit, stdout) = await Run("ADD", huge);
        Assert.Equal(1, exit);
        Error(stdout, 5);
        Assert.Empty(_plugin.Requests);
    }

    [Fact]
    public async Task A_plugin_error_leaves_with_its_code_message_and_details()
    {
        _plugin.Throw = new CniException(CniErrorCode.TryAgainLater, "agent busy", "retry in a moment");
        var (exit, stdout) = await Run("ADD", Config("1.0.0"));

        Assert.Equal(1, exit);
        JsonElement e = Error(stdout, 11);
        Assert.Equal("agent busy", e.GetProperty("msg").GetString());
        Assert.Equal("retry in a moment", e.GetProperty("details").GetString());
        Assert.Equal("1.0.0", e.GetProperty("cniVersion").GetString());
    }

    [Fact]
    public async Task An_unexpected_exception_is_code_999_with_its_message()
    {
        _plugin.Throw = new InvalidOperationException("boom");
        var (exit, stdout) = await Run("DEL", Config("1.0.0"));
        Assert.Equal(1, exit);
        Assert.Contains("boom", Error(stdout, 999).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Error_json_has_exactly_the_spec_keys_and_readable_quotes()
    {
        _plugin.Throw = new CniException(CniErrorCode.InvalidNetworkConfig, "ipam.socket \"x\" is bad");
        var (_, stdout) = await Run("ADD", Config("1.1.0"));

        JsonElement e = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(["cniVersion", "code", "msg"], e.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Contains("\\\"x\\\"", stdout);
        Assert.DoesNotContain("\\u0022", stdout);
    }

    [Fact]
    public async Task Without_a_command_nothing_is_printed_and_the_exit_is_0()
    {
        var (exit, stdout) = await Run("", Config("1.0.0"));
        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Gc_reads_both_attachment_keys_as_one_list()
    {
        string config = """
            {"cniVersion":"1.1.0","name":"n","type":"t",
             "cni.dev/valid-attachments":[{"containerID":"a","ifname":"eth0"},{"containerID":"b","ifname":"net1"}],
             "cni.dev/attachments":[{"containerID":"a","ifname":"eth0"},{"containerID":"c","ifname":"eth0"}]}
            """;
        var (exit, _) = await Run("GC", config);

        Assert.Equal(0, exit);
        IReadOnlyList<CniAttachment> valid = Assert.Single(_plugin.Requests).Config.GetGcValidAttachments()!;
        Assert.Equal(["a/eth0", "b/net1", "c/eth0"], valid.Select(a => $"{a.ContainerId}/{a.IfName}").ToArray());
    }

    [Fact]
    public void Gc_with_neither_key_has_no_list_and_an_empty_list_is_empty()
    {
        Assert.Null(CniNetworkConfig.Parse("""{"name":"n"}"""u8).GetGcValidAttachments());
        Assert.Empty(CniNetworkConfig.Parse("""{"name":"n","cni.dev/attachments":[]}"""u8).GetGcValidAttachments()!);
    }

    [Fact]
    public void Unknown_keys_are_kept_and_prevResult_is_read()
    {
        CniNetworkConfig c = CniNetworkConfig.Parse("""
            {"cniVersion":"1.0.0","name":"n","type":"macvlan","master":"eth1","mode":"bridge",
             "prevResult":{"cniVersion":"1.0.0","ips":[{"address":"10.1.0.5/24"}]},
             "runtimeConfig":{"ips":["10.1.0.5/24"]}}
            """u8);

        Assert.Equal("eth1", c.AdditionalProperties!["master"].GetString());
        Assert.Equal("10.1.0.5/24", c.GetPrevResult()!.Ips![0].Address);
        Assert.Equal(JsonValueKind.Object, c.RuntimeConfig!.Value.ValueKind);
    }
}
