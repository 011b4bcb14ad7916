using System.CommandLine;
using Dragline.Testing;

namespace Dragline.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dragline-validate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string SeedExample
    {
        get
        {
            return RepositoryPaths.SeedExample;
        }
    }

    private static (int Exit, string Output, string Error) Run(string[] args, TextReader? stdin = null)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ValidateCommand.Build(stdin ?? new StringReader("")));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void SeedExampleIsValid()
    {
        (int exit, string output, string error) = Run(["validate", "-f", SeedExample]);
        Assert.True(exit == 0, output + error);
        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("dragline validate: OK, 4 object(s)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void BrokenFilePrintsOneLinePerProblemAndFails()
    {
        string path = Write("broken.yaml", """
            apiVersion: spiderpool.spidernet.io/v2beta1
            kind: SpiderIPPool
            metadata:
              name: v4-81
            spec:
              subnet: 172.81.0.0/16
              gateway: 172.82.0.1
              ipss: [172.81.0.5]
            ---
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata: {name: p, namespace: kube-system}
            spec:
              resourceName: r
              nodeSelector: {a: b}
              numVfs: 4
              nicSelector: {pfNames: ["ens1f0#0-9"]}
            """);
        (int exit, string output, string error) = Run(["validate", "-f", path]);
        Assert.Equal(1, exit);
        Assert.Equal(
            """
            SpiderIPPool/v4-81: spec.ipss: unknown field "spec.ipss"
            SpiderIPPool/v4-81: spec.gateway: not pertains to the 'spec.subnet' 172.81.0.0/16 of IPPool
            SriovNetworkNodePolicy/kube-system/p: spec.nicSelector.pfNames[0]: failed to parse ens1f0#0-9 PF name nicSelector, end range exceeds the maximum VF index 

            """.ReplaceLineEndings("\n"),
            output.ReplaceLineEndings("\n"));
        Assert.Equal("dragline validate: 3 error(s) in 2 object(s)\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void WarningsArePrintedButDoNotFail()
    {
        string path = Write("warn.yaml", """
            apiVersion: sriovnetwork.openshift.io/v1
            kind: SriovNetworkNodePolicy
            metadata: {name: p, namespace: default}
            spec: {resourceName: r, nodeSelector: {a: b}, numVfs: 4, nicSelector: {vendor: "15b3"}}
            """);
        (int exit, string output, _) = Run(["validate", "-f", path]);
        Assert.Equal(0, exit);
        Assert.Equal(
            "warning: SriovNetworkNodePolicy/default/p: metadata.namespace: p is created or updated but not used. Only policy in kube-system namespace is respected.\n",
            output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void YamlSyntaxErrorIsOneLineWithTheLineNumber()
    {
        string path = Write("syntax.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   bad: indent\n");
        (int exit, string output, string error) = Run(["validate", "-f", path]);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        string line = Assert.Single(error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.Matches($"^dragline validate: {System.Text.RegularExpressions.Regex.Escape(path)}:5:\\d+: .+", line);
    }

    [Fact]
    public void ReadsStandardInputForDash()
    {
        const string yaml = "apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderReservedIP\nmetadata: {name: r}\nspec: {ips: [10.0.0.300]}\n";
        (int exit, string output, _) = Run(["validate", "-f", "-"], new StringReader(yaml));
        Assert.Equal(1, exit);
        Assert.Equal("SpiderReservedIP/r: spec.ipVersion: is not generated correctly, 'spec.ips' is empty or 'spec.ips[0]' may be invalid\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MissingFileFailsWithAClearMessage()
    {
        string missing = Path.Combine(_dir, "nope.yaml");
        (int exit, _, string error) = Run(["validate", "-f", missing]);
        Assert.Equal(1, exit);
        Assert.StartsWith("dragline validate: cannot read manifests: ", error, StringComparison.Ordinal);
        Assert.Contains("nope.yaml", error, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpShowsAnExample()
    {
        (int exit, string output, _) = Run(["validate", "--help"]);
        Assert.Equal(0, exit);
        Assert.Contains("dragline validate -f examples/seed/ib-sriov.yaml", output, StringComparison.Ordinal);
        Assert.Contains("--file", output, StringComparison.Ordinal);
    }

    [Fact]
    public void RootCommandRegistersValidate()
    {
        RootCommand root = CliCommands.BuildRoot();
        Assert.Contains(root.Subcommands, c => c.Name == "validate");
    }
}
