using System.Text.Json;
using Dragline.Cni.Runtime;

namespace Dragline.Cni.Tests.Runtime;

/// <summary>
/// The runtime side against tiny shell-script plugins in a temp directory. Each plugin records the stdin and environment
/// it got (<c>&lt;COMMAND&gt;.&lt;plugin&gt;.json</c>, <c>.env</c>) and the order of calls; on ADD it prints a result that
/// names itself, so each test can see which result reached which plugin as <c>prevResult</c>.
/// </summary>
public sealed class CniConfigListExecutorTests : IDisposable
{
    private static readonly CniInvocation Invocation = new("ctr1", "/var/run/netns/pod1", "net1", "team-a", "web-0", "uid-1");

    private readonly DirectoryInfo _bin = Directory.CreateTempSubdirectory("dragline-cni-exec-");

    public void Dispose() => _bin.Delete(recursive: true);

    /// <summary>A plugin that prints a result with one interface named after itself and one address; exits <paramref name="exit"/>.</summary>
    private void Plugin(string name, string address, int exit = 0, string? stdout = null)
    {
        string result = stdout ?? $$"""{"cniVersion":"1.0.0","interfaces":[{"name":"{{name}}","sandbox":"/var/run/netns/pod1"}],"ips":[{"address":"{{address}}","interface":0}]}""";
        string script = $$"""
            #!/bin/sh
            dir=$(dirname "$0")
            cat > "$dir/$CNI_COMMAND.{{name}}.json"
            env | grep '^CNI_' | sort > "$dir/$CNI_COMMAND.{{name}}.env"
            echo "$CNI_COMMAND {{name}}" >> "$dir/calls"
            if [ "$CNI_COMMAND" = ADD ] || [ {{exit}} -ne 0 ]; then printf '%s' '{{result}}'; fi
            exit {{exit}}
            """;
        string path = Path.Combine(_bin.FullName, name);
        File.WriteAllText(path, script.Replace("\r", "", StringComparison.Ordinal));
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string List(string version = "1.0.0", string extra = "") =>
        $$$"""{"cniVersion":"{{{version}}}","name":"net-a",{{{extra}}}"plugins":[{"type":"plug-a","master":"eth0","ipam":{"type":"ipam-x"}},{"type":"plug-b","prevResult":{"stale":true}}]}""";

    private JsonElement Received(string command, string plugin) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_bin.FullName, $"{command}.{plugin}.json"))).RootElement;

    private string[] Calls() => File.ReadAllLines(Path.Combine(_bin.FullName, "calls"));

    private CniConfigListExecutor Executor() => new([Path.Combine(_bin.FullName, "missing"), _bin.FullName]);

    private static void SkipUnlessLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the script plugins need /bin/sh");
        }
    }

    [Fact]
    public void Add_passes_each_result_to_the_next_plugin_and_returns_the_last()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "10.0.0.6/24");

        CniResult result = Executor().Add(List(), Invocation);

        Assert.Equal(["ADD plug-a", "ADD plug-b"], Calls());
        JsonElement first = Received("ADD", "plug-a");
        Assert.False(first.TryGetProperty("prevResult", out _));
        Assert.Equal("net-a", first.GetProperty("name").GetString());
        Assert.Equal("1.0.0", first.GetProperty("cniVersion").GetString());
        Assert.Equal("eth0", first.GetProperty("master").GetString());
        Assert.Equal("ipam-x", first.GetProperty("ipam").GetProperty("type").GetString());

        // plug-b's own stale prevResult key is replaced by plug-a's result
        JsonElement prev = Received("ADD", "plug-b").GetProperty("prevResult");
        Assert.Equal("plug-a", prev.GetProperty("interfaces")[0].GetProperty("name").GetString());
        Assert.Equal("10.0.0.5/24", prev.GetProperty("ips")[0].GetProperty("address").GetString());
        Assert.False(prev.TryGetProperty("stale", out _));

        Assert.Equal("plug-b", Assert.Single(result.Interfaces!).Name);
        Assert.Equal("10.0.0.6/24", Assert.Single(result.Ips!).Address);
    }

    [Fact]
    public void Add_sets_the_cni_environment_of_the_invocation()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "10.0.0.6/24");

        _ = Executor().Add(List(), Invocation);

        string[] env = File.ReadAllLines(Path.Combine(_bin.FullName, "ADD.plug-a.env"));
        Assert.Contains("CNI_COMMAND=ADD", env);
        Assert.Contains("CNI_CONTAINERID=ctr1", env);
        Assert.Contains("CNI_NETNS=/var/run/netns/pod1", env);
        Assert.Contains("CNI_IFNAME=net1", env);
        Assert.Contains("CNI_ARGS=IgnoreUnknown=1;K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=ctr1;K8S_POD_UID=uid-1", env);
        Assert.Contains($"CNI_PATH={Path.Combine(_bin.FullName, "missing")}:{_bin.FullName}", env);
    }

    [Fact]
    public void Add_gives_prevResult_in_the_list_version()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "10.0.0.6/24");

        _ = Executor().Add(List("0.4.0"), Invocation);

        JsonElement prev = Received("ADD", "plug-b").GetProperty("prevResult");
        Assert.Equal("0.4.0", prev.GetProperty("cniVersion").GetString());
        Assert.Equal("4", prev.GetProperty("ips")[0].GetProperty("version").GetString());
    }

    [Fact]
    public void Check_gives_every_plugin_the_cached_final_result_in_order()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "10.0.0.6/24");
        CniConfigListExecutor executor = Executor();
        CniResult cached = executor.Add(List(), Invocation);

        executor.Check(List(), Invocation, cached);

        Assert.Equal(["ADD plug-a", "ADD plug-b", "CHECK plug-a", "CHECK plug-b"], Calls());
        foreach (string plugin in (string[])["plug-a", "plug-b"])
        {
            JsonElement prev = Received("CHECK", plugin).GetProperty("prevResult");
            Assert.Equal("plug-b", prev.GetProperty("interfaces")[0].GetProperty("name").GetString());
            Assert.Equal("10.0.0.6/24", prev.GetProperty("ips")[0].GetProperty("address").GetString());
        }
    }

    [Fact]
    public void Check_does_nothing_when_the_list_disables_it_and_refuses_before_0_4_0()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "10.0.0.6/24");
        CniConfigListExecutor executor = Executor();
        CniResult cached = executor.Add(List(), Invocation);

        executor.Check(List(extra: "\"disableCheck\":true,"), Invocation, cached);
        var old = Assert.Throws<CniException>(() => executor.Check(List("0.3.1"), Invocation, cached));

        Assert.Equal(["ADD plug-a", "ADD plug-b"], Calls());
        Assert.Equal(CniErrorCode.IncompatibleVersion, old.Code);
        Assert.Contains("0.3.1", old.Message);
    }

    [Fact]
    public void Delete_runs_in_reverse_order_with_the_cached_final_result()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "10.0.0.6/24");
        CniConfigListExecutor executor = Executor();
        CniResult cached = executor.Add(List(), Invocation);

        executor.Delete(List(), Invocation, cached);

        Assert.Equal(["ADD plug-a", "ADD plug-b", "DEL plug-b", "DEL plug-a"], Calls());
        foreach (string plugin in (string[])["plug-a", "plug-b"])
        {
            JsonElement prev = Received("DEL", plugin).GetProperty("prevResult");
            Assert.Equal("plug-b", prev.GetProperty("interfaces")[0].GetProperty("name").GetString());
        }
    }

    [Fact]
    public void Delete_without_a_cached_result_or_before_0_4_0_sends_no_prevResult()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "10.0.0.6/24");
        CniConfigListExecutor executor = Executor();
        CniResult cached = executor.Add(List("0.3.1"), Invocation);

        executor.Delete(List("0.3.1"), Invocation, cached);
        Assert.False(Received("DEL", "plug-a").TryGetProperty("prevResult", out _));
        executor.Delete(List(), Invocation, null);
        Assert.False(Received("DEL", "plug-b").TryGetProperty("prevResult", out _));
    }

    [Fact]
    public void Delete_tries_every_plugin_and_throws_the_first_failure_with_the_plugins_code()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "10.0.0.5/24");
        Plugin("plug-b", "", exit: 1, stdout: """{"cniVersion":"1.0.0","code":11,"msg":"agent busy"}""");

        var ex = Assert.Throws<CniException>(() => Executor().Delete(List(), Invocation, null));

        Assert.Equal(["DEL plug-b", "DEL plug-a"], Calls());
        Assert.Equal(CniErrorCode.TryAgainLater, ex.Code);
        Assert.Contains("DEL of plug-b for team-a/web-0 net1", ex.Message);
        Assert.Contains("agent busy", ex.Message);
    }

    [Fact]
    public void Add_stops_at_a_plugin_whose_output_is_not_a_result()
    {
        SkipUnlessLinux();
        Plugin("plug-a", "", stdout: "not json");
        Plugin("plug-b", "10.0.0.6/24");

        var ex = Assert.Throws<CniException>(() => Executor().Add(List(), Invocation));

        Assert.Equal(CniErrorCode.DecodingFailure, ex.Code);
        Assert.Contains("ADD result of plug-a", ex.Message);
        Assert.Equal(["ADD plug-a"], Calls());
    }

    [Fact]
    public void A_missing_plugin_is_named_with_the_directories_searched()
    {
        Plugin("plug-a", "10.0.0.5/24");

        var ex = Assert.Throws<CniException>(() => Executor().Add(List(), Invocation));

        Assert.Equal(CniErrorCode.PluginNotAvailable, ex.Code);
        Assert.Contains("'plug-b' not found", ex.Message);
        Assert.Contains(_bin.FullName, ex.Message);
    }

    [Fact]
    public void A_type_that_is_a_path_is_refused()
    {
        var ex = Assert.Throws<CniException>(() => Executor().TryFindPlugin("../bin/sh"));

        Assert.Equal(CniErrorCode.InvalidNetworkConfig, ex.Code);
        Assert.Contains("'../bin/sh'", ex.Message);
    }

    [Fact]
    public void PluginTypes_lists_each_plugin_and_its_ipam_delegate_once()
    {
        string list = """{"cniVersion":"1.0.0","name":"n","plugins":[{"type":"macvlan","ipam":{"type":"dragline-ipam"}},{"type":"dragline-coordinator"},{"type":"macvlan"}]}""";

        Assert.Equal(["macvlan", "dragline-ipam", "dragline-coordinator"], CniConfigListExecutor.PluginTypes(list));
    }
}
