using System.CommandLine;
using System.Text.Json;
using Dragline.Testing;

namespace Dragline.Cli.Tests;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dragline-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RepositoryFile(params string[] parts)
    {
        return RepositoryPaths.File(parts);
    }

    private static (int Exit, string Output, string Error) Run(string[] args, TextReader? stdin = null)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(RenderCommand.Build(stdin ?? new StringReader("")));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Macvlan = """
        apiVersion: spiderpool.spidernet.io/v2beta1
        kind: SpiderMultusConfig
        metadata:
          name: macvlan-ens192
          namespace: kube-system
        spec:
          cniType: macvlan
          macvlan:
            master: [ens192]
            ippools:
              ipv4: [v4-pool]
        """;

    /// <summary>The done-when: the seed's manifests render to kube-system/ib-sriov with an isolating ib-sriov plugin.</summary>
    [Fact]
    public void SeedRendersIbSriovNetwork()
    {
        string seed = RepositoryFile("examples", "seed", "ib-sriov.yaml");
        Assert.True(File.Exists(seed), $"{seed} is missing");

        (int exit, string output, string error) = Run(["render", "-f", seed]);

        Assert.True(exit == 0, error);
        Assert.Contains("warning: SpiderMultusConfig/kube-system/ib-sriov: spec.sriov: cniType ib-sriov reads its settings from spec.ibsriov", error, StringComparison.Ordinal);
        Assert.StartsWith("apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ib-sriov\n  namespace: kube-system\n", output, StringComparison.Ordinal);
        Assert.Contains("    k8s.v1.cni.cncf.io/resourceName: spidernet.io/mellanoxibsriov\n", output, StringComparison.Ordinal);

        string configLine = output.Split('\n').Single(l => l.StartsWith("  config: '", StringComparison.Ordinal));
        using JsonDocument config = JsonDocument.Parse(configLine["  config: '".Length..^1].Replace("''", "'", StringComparison.Ordinal));
        JsonElement ib = config.RootElement.GetProperty("plugins")[0];
        Assert.Equal("dragline-ib-sriov", ib.GetProperty("type").GetString());
        Assert.True(ib.GetProperty("rdmaIsolation").GetBoolean());
        Assert.Contains("\"rdmaIsolation\":true", configLine, StringComparison.Ordinal);
        JsonElement ipam = ib.GetProperty("ipam");
        Assert.Equal("dragline-ipam", ipam.GetProperty("type").GetString());
        Assert.Equal(["v4-81"], ipam.GetProperty("default_ipv4_ippool").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("dragline-coordinator", config.RootElement.GetProperty("plugins")[1].GetProperty("type").GetString());
    }

    [Fact]
    public void ReadsStandardInputAndHonoursUpstreamNames()
    {
        (int exit, string output, string error) = Run(["render", "-f", "-", "--plugin-names", "upstream"], new StringReader(Macvlan));
        Assert.True(exit == 0, error);
        Assert.Contains(
            """  config: '{"cniVersion":"0.3.1","name":"macvlan-ens192","plugins":[{"type":"macvlan","master":"ens192","mode":"bridge","mtu":0,"ipam":{"type":"spiderpool","default_ipv4_ippool":["v4-pool"]}},{"txQueueLen":0,"tunePodRoutes":true,"mode":"auto","type":"coordinator"}]}'""",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void WarnsOncePerDraglinePluginThisBuildDoesNotShip()
    {
        string second = Macvlan.Replace("macvlan-ens192", "macvlan-ens224", StringComparison.Ordinal).Replace("ens192]", "ens224]", StringComparison.Ordinal);

        (int exit, string output, string error) = Run(["render", "-f", Write("m.yaml", Macvlan + "\n---\n" + second)]);

        Assert.True(exit == 0, error);
        Assert.Contains("\"type\":\"dragline-coordinator\"", output, StringComparison.Ordinal);
        string[] warnings = [.. error.Split('\n').Where(l => l.StartsWith("warning: CNI plugin", StringComparison.Ordinal))];
        // dragline-ipam ships; the coordinator does not yet. One line names it and both networks that use it.
        Assert.Equal(
            "warning: CNI plugin dragline-coordinator is planned but not built yet: this build ships only dragline-ipam, "
            + "so nodes installed from it cannot run NetworkAttachmentDefinition/kube-system/macvlan-ens192, NetworkAttachmentDefinition/kube-system/macvlan-ens224; "
            + "use --plugin-names upstream or --plugin ROLE=TYPE to name plugins the nodes have",
            Assert.Single(warnings));
        Assert.DoesNotContain("dragline-ipam is", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPluginWarningWhenEveryDraglinePluginShips()
    {
        (int exit, _, string error) = Run(["render", "-f", Write("m.yaml", Macvlan), "--plugin", "coordinator=coordinator"]);

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("warning: CNI plugin", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownDraglinePluginNameIsNamedAsNotADraglinePlugin()
    {
        (int exit, _, string error) = Run(["render", "-f", Write("m.yaml", Macvlan), "--plugin", "ipam=dragline-ipam2", "--plugin", "coordinator=coordinator"]);

        Assert.True(exit == 0, error);
        Assert.Contains("warning: CNI plugin dragline-ipam2 is not a Dragline plugin: this build ships only dragline-ipam", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SinglePluginNameCanBeOverridden()
    {
        (int exit, string output, string error) = Run(["render", "-f", Write("m.yaml", Macvlan), "--plugin", "ipam=host-ipam"]);
        Assert.True(exit == 0, error);
        Assert.Contains("\"ipam\":{\"type\":\"host-ipam\"", output, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"dragline-coordinator\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BadPluginOverrideNamesTheRoles()
    {
        (int exit, _, string error) = Run(["render", "-f", Write("m.yaml", Macvlan), "--plugin", "dhcp=x"]);
        Assert.Equal(1, exit);
        Assert.Contains("bad --plugin 'dhcp=x': write ROLE=TYPE with ROLE one of ipam, coordinator, ifacer", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CniConflistPrintsPrettyConfigurationWithFileName()
    {
        string second = Macvlan.Replace("macvlan-ens192", "macvlan-ens224", StringComparison.Ordinal).Replace("[ens192]", "[ens224]", StringComparison.Ordinal);
        (int exit, string output, string error) = Run(["render", "-f", Write("m.yaml", Macvlan + "\n---\n" + second), "--cni-conflist"]);
        Assert.True(exit == 0, error);
        Assert.StartsWith("# macvlan-ens192.conflist\n{\n  \"cniVersion\": \"0.3.1\",\n  \"name\": \"macvlan-ens192\",\n  \"plugins\": [\n    {\n      \"type\": \"macvlan\",\n", output, StringComparison.Ordinal);
        Assert.Contains("\n# macvlan-ens224.conflist\n{\n", output, StringComparison.Ordinal);
        string first = output[(output.IndexOf('\n', StringComparison.Ordinal) + 1)..output.IndexOf("\n\n# ", StringComparison.Ordinal)];
        using JsonDocument parsed = JsonDocument.Parse(first);
        Assert.Equal("dragline-coordinator", parsed.RootElement.GetProperty("plugins")[1].GetProperty("type").GetString());
    }

    [Fact]
    public void InvalidConfigRendersNothing()
    {
        string bad = Macvlan.Replace("master: [ens192]", "master: [ens192]\n    vlanID: 5000", StringComparison.Ordinal);
        (int exit, string output, string error) = Run(["render", "-f", Write("bad.yaml", bad)]);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("SpiderMultusConfig/kube-system/macvlan-ens192: spec.macvlan.vlanID: invalid vlanId 5000, please make sure vlanId in range [0,4094]", error, StringComparison.Ordinal);
        Assert.Contains("dragline render: 1 error(s); nothing rendered", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithoutNetworksIsAnError()
    {
        string pool = """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: v4
            spec:
              subnet: 10.0.0.0/24
              ips: [10.0.0.10-10.0.0.20]
            """;
        (int exit, _, string error) = Run(["render", "-f", Write("pool.yaml", pool)]);
        Assert.Equal(1, exit);
        Assert.Contains("no SpiderMultusConfig among 1 object(s)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsReported()
    {
        (int exit, _, string error) = Run(["render", "-f", Path.Combine(_dir, "absent.yaml")]);
        Assert.Equal(1, exit);
        Assert.StartsWith("dragline render: cannot read manifests:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpShowsAnExample()
    {
        (int exit, string output, _) = Run(["render", "--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("dragline render -f examples/seed/ib-sriov.yaml", output, StringComparison.Ordinal);
        Assert.Contains("--cni-conflist", output, StringComparison.Ordinal);
    }
}
