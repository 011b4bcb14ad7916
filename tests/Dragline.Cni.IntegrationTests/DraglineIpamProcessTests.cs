using System.Text.Json;
using Dragline.Cni.Agent;

namespace Dragline.Cni.IntegrationTests;

/// <summary>The published dragline-ipam binary, run as a process the way a runtime runs it, against <see cref="FakeAgent"/>.</summary>
public sealed class DraglineIpamProcessTests
{
    private static readonly FakePool V4 = new("v4-a", 4, 24, "10.6.0.1", ["10.6.0.10", "10.6.0.11", "10.6.0.12"]);
    private static readonly FakePool V6 = new("v6-a", 6, 64, "fd00:6::1", ["fd00:6::10", "fd00:6::11"]);

    private static string Config(string version, string socket, string ipamExtra = ""","default_ipv4_ippool":["v4-a"]""", string netExtra = "")
        => $$$"""{"cniVersion":"{{{version}}}","name":"macvlan-a","type":"macvlan","master":"eth1"{{{netExtra}}},"ipam":{"type":"dragline-ipam","socket":"{{{socket}}}"{{{ipamExtra}}}}}""";

    [Theory]
    [InlineData("0.3.0")]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    [InlineData("1.0.0")]
    [InlineData("1.1.0")]
    public async Task Add_prints_the_ipam_result_in_the_requested_version(string version)
    {
        await using FakeAgent agent = FakeAgent.Start(V4, V6);

        PluginRun run = await PublishedPlugin.RunAsync("ADD", Config(version, agent.SocketPath, ""","default_ipv4_ippool":["v4-a"],"default_ipv6_ippool":["v6-*"]"""), PublishedPlugin.Attachment());

        run.AssertSuccess();
        JsonElement r = run.Json();
        Assert.Equal(version, r.GetProperty("cniVersion").GetString());
        Assert.False(r.TryGetProperty("interfaces", out _));
        JsonElement[] ips = r.GetProperty("ips").EnumerateArray().ToArray();
        Assert.Equal(2, ips.Length);
        Assert.Equal("10.6.0.10/24", ips[0].GetProperty("address").GetString());
        Assert.Equal("10.6.0.1", ips[0].GetProperty("gateway").GetString());
        Assert.Equal("fd00:6::10/64", ips[1].GetProperty("address").GetString());
        Assert.All(ips, ip => Assert.False(ip.TryGetProperty("interface", out _)));
        bool old = version is "0.3.0" or "0.3.1" or "0.4.0";
        Assert.Equal(old, ips[0].TryGetProperty("version", out JsonElement v4));
        if (old)
        {
            Assert.Equal("4", v4.GetString());
            Assert.Equal("6", ips[1].GetProperty("version").GetString());
        }

        Assert.Equal(["0.0.0.0/0 via 10.6.0.1", "::/0 via fd00:6::1"], r.GetProperty("routes").EnumerateArray().Select(x => $"{x.GetProperty("dst").GetString()} via {x.GetProperty("gw").GetString()}").ToArray());
        Assert.Equal(JsonValueKind.Object, r.GetProperty("dns").ValueKind);
    }

    [Fact]
    public async Task Add_sends_the_attachment_pod_identity_network_and_pools_to_the_agent()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);

        PluginRun run = await PublishedPlugin.RunAsync(
            "ADD",
            Config("1.0.0", agent.SocketPath, ""","default_ipv4_ippool":["v4-a","v4-b"],"clean_gateway":true,"match_master_subnet":true""", ""","runtimeConfig":{"ips":["10.6.0.12/24"]}"""),
            PublishedPlugin.Attachment("ctr-7", "net1"));

        run.AssertSuccess();
        FakeAgentRequest sent = Assert.Single(agent.Requests);
        Assert.Equal(("POST", AgentPaths.Ip), (sent.Method, sent.Path));
        AgentAllocateRequest body = JsonSerializer.Deserialize(sent.Body, AgentJsonContext.Default.AgentAllocateRequest)!;
        Assert.Equal("ctr-7", body.ContainerId);
        Assert.Equal("net1", body.IfName);
        Assert.Equal("/var/run/netns/ctr-7", body.NetNamespace);
        Assert.Equal("macvlan-a", body.Network);
        Assert.Equal("team-a", body.PodNamespace);
        Assert.Equal("pod-ctr-7", body.PodName);
        Assert.Equal("uid-ctr-7", body.PodUid);
        Assert.Equal(["v4-a", "v4-b"], body.DefaultIpv4Pools!);
        Assert.True(body.CleanGateway);
        Assert.True(body.MatchMasterSubnet);
        Assert.Equal(["10.6.0.12/24"], body.RequestedIps!);
        // clean_gateway: the agent left out the default route, and the plugin adds none.
        Assert.Empty(run.Json().GetProperty("routes").EnumerateArray());
    }

    [Fact]
    public async Task Add_without_kubernetes_args_leaves_the_pod_identity_out()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);

        PluginRun run = await PublishedPlugin.RunAsync("ADD", Config("1.1.0", agent.SocketPath), PublishedPlugin.Attachment(args: ""));

        run.AssertSuccess();
        AgentAllocateRequest body = JsonSerializer.Deserialize(Assert.Single(agent.Requests).Body, AgentJsonContext.Default.AgentAllocateRequest)!;
        Assert.Null(body.PodName);
        Assert.Null(body.PodUid);
        Assert.DoesNotContain("podName", Assert.Single(agent.Requests).Body);
    }

    [Fact]
    public async Task Exhausted_pools_fail_with_code_100_naming_the_pools()
    {
        await using FakeAgent agent = FakeAgent.Start(new FakePool("tiny-a", 4, 30, null, ["192.0.2.1"]), new FakePool("tiny-b", 4, 30, null, ["192.0.2.5"]));
        string config = Config("1.0.0", agent.SocketPath, ""","default_ipv4_ippool":["tiny-a","tiny-b"]""");
        (await PublishedPlugin.RunAsync("ADD", config, PublishedPlugin.Attachment("ctr-1"))).AssertSuccess();
        (await PublishedPlugin.RunAsync("ADD", config, PublishedPlugin.Attachment("ctr-2"))).AssertSuccess();

        PluginRun third = await PublishedPlugin.RunAsync("ADD", config, PublishedPlugin.Attachment("ctr-3"));

        string msg = third.AssertError(100);
        Assert.Contains("tiny-a", msg);
        Assert.Contains("tiny-b", msg);
    }

    [Fact]
    public async Task Del_of_an_unknown_attachment_succeeds_silently()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);

        PluginRun run = await PublishedPlugin.RunAsync("DEL", Config("1.0.0", agent.SocketPath), PublishedPlugin.Attachment("never-added"));

        run.AssertSuccess();
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal("DELETE", Assert.Single(agent.Requests).Method);
    }

    [Fact]
    public async Task Del_succeeds_when_the_agent_answers_not_found()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Override = _ => new FakeAgentReply(404, """{"code":"NotFound","message":"no such pod"}""");

        PluginRun run = await PublishedPlugin.RunAsync("DEL", Config("0.4.0", agent.SocketPath), PublishedPlugin.Attachment());

        run.AssertSuccess();
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Del_releases_what_add_allocated_and_a_repeated_del_still_succeeds()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        string config = Config("1.0.0", agent.SocketPath);
        (await PublishedPlugin.RunAsync("ADD", config, PublishedPlugin.Attachment("ctr-1"))).AssertSuccess();
        Assert.Single(agent.Allocations());

        (await PublishedPlugin.RunAsync("DEL", config, PublishedPlugin.Attachment("ctr-1"))).AssertSuccess();
        Assert.Empty(agent.Allocations());
        (await PublishedPlugin.RunAsync("DEL", config, PublishedPlugin.Attachment("ctr-1"))).AssertSuccess();
    }

    [Fact]
    public async Task Del_without_netns_is_fine()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        Dictionary<string, string> env = PublishedPlugin.Attachment();
        env.Remove("CNI_NETNS");

        (await PublishedPlugin.RunAsync("DEL", Config("1.0.0", agent.SocketPath), env)).AssertSuccess();
    }

    [Theory]
    [InlineData("ADD")]
    [InlineData("DEL")]
    [InlineData("CHECK")]
    [InlineData("GC")]
    public async Task An_unreachable_agent_is_code_11(string command)
    {
        string missing = FakeAgent.MissingSocketPath();
        string config = Config("1.1.0", missing, netExtra: ""","cni.dev/valid-attachments":[]""");

        PluginRun run = await PublishedPlugin.RunAsync(command, config, PublishedPlugin.Attachment());

        string msg = run.AssertError(11);
        Assert.Contains(missing, msg);
        TestContext.Current.SendDiagnosticMessage($"{command} with no agent: code 11 after {run.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task An_agent_that_never_answers_is_code_11_not_a_hang()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Hang = true;

        PluginRun run = await PublishedPlugin.RunAsync("ADD", Config("1.0.0", agent.SocketPath), PublishedPlugin.Attachment());

        Assert.Contains("did not answer", run.AssertError(11));
        Assert.Single(agent.Requests);
    }

    [Fact]
    public async Task FailureMode15_Malformed_config_is_code_6()
    {
        PluginRun run = await PublishedPlugin.RunAsync("ADD", """{"cniVersion":"1.0.0","name":"n","ipam":{""", PublishedPlugin.Attachment());
        run.AssertError(6);
    }

    [Theory]
    [InlineData(",\"clean_gateway\":\"yes\"", "ipam.clean_gateway", "\"yes\"")]
    [InlineData(",\"default_ipv4_ippool\":\"v4-a\"", "ipam.default_ipv4_ippool", "\"v4-a\"")]
    [InlineData(""","log_file_max_size":-5""", "ipam.log_file_max_size", "-5")]
    public async Task FailureMode15_An_invalid_value_is_code_7_naming_key_and_value(string ipamExtra, string key, string value)
    {
        await using FakeAgent agent = FakeAgent.Start(V4);

        PluginRun run = await PublishedPlugin.RunAsync("ADD", Config("1.0.0", agent.SocketPath, ipamExtra), PublishedPlugin.Attachment());

        string msg = run.AssertError(7);
        Assert.Contains(key, msg);
        Assert.Contains(value, msg);
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public async Task FailureMode15_A_config_without_an_ipam_section_is_code_7_invalid_config_and_says_what_to_add()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);

        PluginRun run = await PublishedPlugin.RunAsync("ADD", """{"cniVersion":"1.0.0","name":"macvlan-a","type":"macvlan"}""", PublishedPlugin.Attachment());

        Assert.Contains("\"ipam\"", run.AssertError(7), StringComparison.Ordinal);
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public async Task FailureMode15_An_unsupported_version_in_a_cniVersions_list_is_code_1_naming_the_versions()
    {
        string config = """{"cniVersion":"0.2.0","cniVersions":["0.1.0","0.2.0"],"name":"macvlan-a","type":"macvlan","ipam":{"type":"dragline-ipam","socket":"/run/x.sock"}}""";

        string msg = (await PublishedPlugin.RunAsync("ADD", config, PublishedPlugin.Attachment())).AssertError(1);

        Assert.Contains("0.2.0", msg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ctr/../1", "eth0", "CNI_CONTAINERID")]
    [InlineData("ctr 1", "eth0", "CNI_CONTAINERID")]
    [InlineData("-ctr", "eth0", "CNI_CONTAINERID")]
    [InlineData("ctr-1", "", "CNI_IFNAME")]
    [InlineData("ctr-1", "eth/0", "CNI_IFNAME")]
    public async Task FailureMode15_An_invalid_container_id_or_interface_name_is_code_4_naming_the_variable(string containerId, string ifName, string variable)
    {
        await using FakeAgent agent = FakeAgent.Start(V4);

        PluginRun run = await PublishedPlugin.RunAsync("ADD", Config("1.0.0", agent.SocketPath), PublishedPlugin.Attachment(containerId, ifName));

        Assert.Contains(variable, run.AssertError(4), StringComparison.Ordinal);
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public async Task FailureMode15_An_unknown_CNI_COMMAND_is_code_4_naming_the_command()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);

        PluginRun run = await PublishedPlugin.RunAsync("REBOOT", Config("1.0.0", agent.SocketPath), PublishedPlugin.Attachment());

        Assert.Contains("REBOOT", run.AssertError(4), StringComparison.Ordinal);
        Assert.Empty(agent.Requests);
    }

    [Fact]
    public async Task FailureMode15_CNI_ARGS_with_unknown_keys_and_IgnoreUnknown_is_accepted_and_the_pod_is_still_identified()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        Dictionary<string, string> env = PublishedPlugin.Attachment(
            "ctr-1", args: "IgnoreUnknown=1;FOO=bar;K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=pod-1;K8S_POD_UID=uid-1;SOMETHING_ELSE=x=y");

        (await PublishedPlugin.RunAsync("ADD", Config("1.0.0", agent.SocketPath), env)).AssertSuccess();

        AgentAllocateRequest sent = JsonSerializer.Deserialize(Assert.Single(agent.Requests).Body, AgentJsonContext.Default.AgentAllocateRequest)!;
        Assert.Equal("team-a", sent.PodNamespace);
        Assert.Equal("pod-1", sent.PodName);
        Assert.Equal("uid-1", sent.PodUid);
    }

    [Fact]
    public async Task A_relative_socket_path_is_code_7()
    {
        PluginRun run = await PublishedPlugin.RunAsync("ADD", Config("1.0.0", "run/agent.sock"), PublishedPlugin.Attachment());
        Assert.Contains("\"run/agent.sock\"", run.AssertError(7));
    }

    [Fact]
    public async Task FailureMode15_An_unsupported_version_is_code_1()
    {
        PluginRun run = await PublishedPlugin.RunAsync("ADD", Config("0.2.0", "/run/x.sock"), PublishedPlugin.Attachment());
        Assert.Contains("0.2.0", run.AssertError(1));
    }

    [Fact]
    public async Task FailureMode19_Status_is_code_50_when_the_agent_is_unreachable()
    {
        PluginRun run = await PublishedPlugin.RunAsync("STATUS", Config("1.1.0", FakeAgent.MissingSocketPath()));
        run.AssertError(50);
    }

    [Fact]
    public async Task FailureMode19_Status_succeeds_while_addresses_are_free_and_is_code_50_once_the_pools_are_exhausted()
    {
        await using FakeAgent agent = FakeAgent.Start(new FakePool("one", 4, 32, null, ["192.0.2.9"]));
        string config = Config("1.1.0", agent.SocketPath, ""","default_ipv4_ippool":["one"]""");

        (await PublishedPlugin.RunAsync("STATUS", config)).AssertSuccess();
        FakeAgentRequest status = agent.Requests.Last();
        Assert.Equal(AgentPaths.Status, status.Path);
        Assert.Equal(["macvlan-a"], status.Query["network"]);
        Assert.Equal(["one"], status.Query["defaultIPv4IPPool"]);

        (await PublishedPlugin.RunAsync("ADD", config, PublishedPlugin.Attachment())).AssertSuccess();
        Assert.Contains("one", (await PublishedPlugin.RunAsync("STATUS", config)).AssertError(50));
    }

    [Fact]
    public async Task Status_is_code_50_while_the_agent_is_not_ready()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Ready = false;
        Assert.Contains("not ready", (await PublishedPlugin.RunAsync("STATUS", Config("1.1.0", agent.SocketPath))).AssertError(50));
    }

    [Theory]
    [InlineData("cni.dev/valid-attachments", null)]
    [InlineData(null, "cni.dev/attachments")]
    [InlineData("cni.dev/valid-attachments", "cni.dev/attachments")]
    public async Task FailureModes15_and_19_Gc_keeps_the_listed_attachments_under_either_key_or_both_and_releases_the_rest(string? key1, string? key2)
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Seed("keep-1", "eth0", "macvlan-a", "v4-a");
        agent.Seed("gone-1", "eth0", "macvlan-a", "v4-a");
        agent.Seed("keep-1", "net1", "other-net", "v4-a");
        string list = """[{"containerID":"keep-1","ifname":"eth0"}]""";
        string extra = (key1 is null ? "" : $",\"{key1}\":{list}") + (key2 is null ? "" : $",\"{key2}\":{list}");

        PluginRun run = await PublishedPlugin.RunAsync("GC", Config("1.1.0", agent.SocketPath, netExtra: extra));

        run.AssertSuccess();
        AgentGcRequest sent = JsonSerializer.Deserialize(Assert.Single(agent.Requests).Body, AgentJsonContext.Default.AgentGcRequest)!;
        Assert.Equal("macvlan-a", sent.Network);
        Assert.Equal(["keep-1/eth0"], sent.ValidAttachments.Select(a => $"{a.ContainerId}/{a.IfName}").ToArray());
        Assert.Equal(["keep-1/eth0/macvlan-a", "keep-1/net1/other-net"], agent.Allocations().Select(a => $"{a.ContainerId}/{a.IfName}/{a.Network}").Order().ToArray());
    }

    [Fact]
    public async Task Gc_without_an_attachment_list_releases_nothing_and_says_why()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        agent.Seed("keep-1", "eth0", "macvlan-a", "v4-a");

        Assert.Contains("cni.dev/valid-attachments", (await PublishedPlugin.RunAsync("GC", Config("1.1.0", agent.SocketPath))).AssertError(7));
        Assert.Single(agent.Allocations());
    }

    [Fact]
    public async Task Check_passes_when_the_agent_holds_the_prevResult_addresses_and_fails_when_not()
    {
        await using FakeAgent agent = FakeAgent.Start(V4);
        string add = Config("1.0.0", agent.SocketPath);
        PluginRun added = await PublishedPlugin.RunAsync("ADD", add, PublishedPlugin.Attachment("ctr-1"));
        added.AssertSuccess();
        string prev = added.Json().GetRawText();

        (await PublishedPlugin.RunAsync("CHECK", Config("1.0.0", agent.SocketPath, netExtra: $",\"prevResult\":{prev}"), PublishedPlugin.Attachment("ctr-1"))).AssertSuccess();

        string wrong = """{"cniVersion":"1.0.0","ips":[{"address":"10.6.0.99/24"}]}""";
        Assert.Contains("10.6.0.99/24", (await PublishedPlugin.RunAsync("CHECK", Config("1.0.0", agent.SocketPath, netExtra: $",\"prevResult\":{wrong}"), PublishedPlugin.Attachment("ctr-1"))).AssertError(101));
        (await PublishedPlugin.RunAsync("CHECK", Config("1.0.0", agent.SocketPath), PublishedPlugin.Attachment("ctr-unknown"))).AssertError(101);
    }

    [Fact]
    public async Task Version_lists_the_supported_versions()
    {
        PluginRun run = await PublishedPlugin.RunAsync("VERSION", """{"cniVersion":"1.0.0"}""");

        run.AssertSuccess();
        JsonElement j = run.Json();
        Assert.Equal("1.1.0", j.GetProperty("cniVersion").GetString());
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"], j.GetProperty("supportedVersions").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task The_multi_call_binary_refuses_a_name_that_is_no_plugin()
    {
        PluginRun run = await PublishedPlugin.RunAsync("VERSION", null, plugin: "dragline-cni");
        Assert.Contains("dragline-ipam", run.AssertError(7));
    }

    [Fact]
    public async Task Measure_version_start_to_exit_time()
    {
        // For the record only: process start-to-exit of VERSION. Never asserted (tests do not assert wall-clock time).
        var samples = new List<double>();
        for (int i = 0; i < 21; i++)
        {
            PluginRun run = await PublishedPlugin.RunAsync("VERSION", null);
            run.AssertSuccess();
            samples.Add(run.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        TestContext.Current.SendDiagnosticMessage($"dragline-ipam VERSION start-to-exit: median {samples[samples.Count / 2]:0.0} ms, min {samples[0]:0.0} ms, max {samples[^1]:0.0} ms over {samples.Count} runs");
        TestContext.Current.TestOutputHelper?.WriteLine($"dragline-ipam VERSION start-to-exit: median {samples[samples.Count / 2]:0.0} ms, min {samples[0]:0.0} ms, max {samples[^1]:0.0} ms");
    }
}
