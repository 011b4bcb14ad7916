using System.CommandLine;
using System.Text.Json;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Apply;
using Dragline.Testing;
using Dragline.Testing.Sriov;

namespace Dragline.Cli.Tests;

public sealed class PolicyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dragline-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RepositoryPath(params string[] parts)
    {
        return RepositoryPaths.File(parts);
    }

    private static readonly string SeedFile = RepositoryPath("examples", "seed", "ib-sriov.yaml");

    private static string Fixture(string scenario) => RepositoryPath("tests", "testdata", "sysfs", scenario);

    private static (int Exit, string Output, string Error) Run(string[] args, Func<HostRoot, (ISriovSysfs, ISriovNetlink)>? kernel = null, SriovApplyOptions? options = null)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(PolicyCommand.Build(kernel, new StringReader(""), options));
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

    [Fact]
    public void PlanShowsTheSeedPolicyGivingIbs5f0TwelveVfs()
    {
        (int exit, string output, string error) = Run(["policy", "plan", "-f", SeedFile, "--root", Fixture("seed-host"), "--node-labels", "kubernetes.io/os=linux", "--node-name", "node1"]);

        Assert.True(exit == 0, error + output);
        Assert.Contains("ibs5f0", output, StringComparison.Ordinal);
        Assert.Contains("0000:86:00.0", output, StringComparison.Ordinal);
        Assert.Contains("0 → 12 (127)", output, StringComparison.Ordinal);
        Assert.Contains("0-11 spidernet.io/mellanoxibsriov", output, StringComparison.Ordinal);
        Assert.Contains("ibs5f0#0-11", output, StringComparison.Ordinal);
        Assert.Contains("selects ibs5f0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ibs5f1", output, StringComparison.Ordinal);
        Assert.EndsWith("1 PF(s) get 12 VF(s) feeding 1 resource(s)\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanAsJsonNamesPfResourceAndRanges()
    {
        (int exit, string output, string error) = Run(["policy", "plan", "-f", SeedFile, "--root", Fixture("seed-host"), "--json"]);

        Assert.True(exit == 0, error);
        using JsonDocument plan = JsonDocument.Parse(output);
        JsonElement pf = plan.RootElement.GetProperty("physicalFunctions")[0];
        Assert.Equal("ibs5f0", pf.GetProperty("name").GetString());
        Assert.Equal("0000:86:00.0", pf.GetProperty("pciAddress").GetString());
        Assert.Equal(12, pf.GetProperty("numVfs").GetInt32());
        Assert.True(pf.GetProperty("isRdma").GetBoolean());
        JsonElement resource = plan.RootElement.GetProperty("resources")[0];
        Assert.Equal("spidernet.io/mellanoxibsriov", resource.GetProperty("resourceName").GetString());
        Assert.Equal(12, resource.GetProperty("vfCount").GetInt32());
        JsonElement range = resource.GetProperty("vfRanges")[0];
        Assert.Equal(("ibs5f0", "0000:86:00.0", 0, 11), (range.GetProperty("pfName").GetString(), range.GetProperty("pfPciAddress").GetString(), range.GetProperty("firstVf").GetInt32(), range.GetProperty("lastVf").GetInt32()));
        Assert.Equal("0-11", plan.RootElement.GetProperty("spec").GetProperty("interfaces")[0].GetProperty("vfGroups")[0].GetProperty("vfRange").GetString());
    }

    [Fact]
    public void NodeLabelsThatDoNotMatchLeaveEveryPfAlone()
    {
        (int exit, string output, _) = Run(["policy", "plan", "-f", SeedFile, "--root", Fixture("seed-host"), "--node-labels", "kubernetes.io/os=windows"]);

        Assert.Equal(0, exit);
        Assert.Contains("nodeSelector does not match the node's labels: no kubernetes.io/os=linux", output, StringComparison.Ordinal);
        Assert.Contains("No PF on this node gets VFs.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FileWithoutPolicyIsRefusedNamingTheFileAndWhatItHas()
    {
        string file = Write("pool.yaml", "apiVersion: spiderpool.spidernet.io/v2beta1\nkind: SpiderIPPool\nmetadata: {name: p}\nspec: {subnet: 10.0.0.0/24, ips: [10.0.0.10-10.0.0.20]}\n");

        (int exit, _, string error) = Run(["policy", "plan", "-f", file, "--root", Fixture("seed-host")]);

        Assert.Equal(2, exit);
        Assert.Contains($"dragline policy plan: '{file}' has no SriovNetworkNodePolicy (it has SpiderIPPool): give a file with at least one object of apiVersion sriovnetwork.openshift.io/v1, kind SriovNetworkNodePolicy.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidPolicyFailsWithTheWebhookMessage()
    {
        string text = File.ReadAllText(SeedFile).Replace("numVfs: 12", "numVfs: 200", StringComparison.Ordinal);
        string file = Write("big.yaml", text);

        (int exit, string output, _) = Run(["policy", "plan", "-f", file, "--root", Fixture("seed-host"), "--node-labels", "kubernetes.io/os=linux"]);

        Assert.Equal(1, exit);
        Assert.Contains("numVfs(200) in CR policyibsriov exceed the maximum allowed value(128) interface(0000:86:00.0)", output, StringComparison.Ordinal);
        Assert.Contains("apply refuses this plan", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspelledFieldIsNamed()
    {
        string file = Write("typo.yaml", File.ReadAllText(SeedFile).Replace("numVfs: 12", "numVf: 12", StringComparison.Ordinal));

        (int exit, _, string error) = Run(["policy", "plan", "-f", file, "--root", Fixture("seed-host")]);

        Assert.Equal(2, exit);
        Assert.Contains("SriovNetworkNodePolicy/kube-system/policyibsriov: spec.numVf: unknown field \"spec.numVf\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRootIsNamed()
    {
        (int exit, _, string error) = Run(["policy", "plan", "-f", SeedFile, "--root", "/no/such/root"]);

        Assert.Equal(2, exit);
        Assert.Contains("dragline policy plan: The root '/no/such/root' is not a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        string missing = Path.Combine(_dir, "missing.yaml");

        (int exit, _, string error) = Run(["policy", "apply", "-f", missing, "--root", Fixture("seed-host")]);

        Assert.Equal(2, exit);
        Assert.Contains($"cannot read '{missing}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadNodeLabelsAreNamed()
    {
        (int exit, _, string error) = Run(["policy", "plan", "-f", SeedFile, "--root", Fixture("seed-host"), "--node-labels", "kubernetes.io/os"]);

        Assert.Equal(2, exit);
        Assert.Contains("'kubernetes.io/os' in the node labels is not KEY=VALUE", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyCreatesTheVfsAndASecondApplyChangesNothing()
    {
        using var tree = new WritableFixtureTree(Fixture("seed-host"));
        FakeSriovKernel? fake = null;
        (ISriovSysfs, ISriovNetlink) Kernel(HostRoot root) => (fake ??= new FakeSriovKernel(root), fake);
        var options = new SriovApplyOptions { PollInterval = TimeSpan.FromMilliseconds(1) };
        string[] args = ["policy", "apply", "-f", SeedFile, "--root", tree.Path, "--node-labels", "kubernetes.io/os=linux"];

        (int exit, string output, string error) = Run(args, Kernel, options);

        Assert.True(exit == 0, error + output);
        Assert.Contains("0 → 12", output, StringComparison.Ordinal);
        Assert.Contains("syncStatus: Succeeded", output, StringComparison.Ordinal);
        Assert.Equal("12", File.ReadAllText(Path.Combine(tree.Path, "sys/bus/pci/devices/0000:86:00.0/sriov_numvfs")).Trim());
        int writes = fake!.Writes.Count;

        (int again, string secondOutput, _) = Run(args, Kernel, options);

        Assert.Equal(0, again);
        Assert.Contains("Nothing to change: the host already matches the plan.", secondOutput, StringComparison.Ordinal);
        Assert.Equal(writes, fake.Writes.Count);
    }

    [Fact]
    public void ApplyFailureExitsOneWithTheStepInTheStatus()
    {
        using var tree = new WritableFixtureTree(Fixture("seed-host"));
        (ISriovSysfs, ISriovNetlink) Kernel(HostRoot root)
        {
            var fake = new FakeSriovKernel(root) { CreatesVfs = false };
            return (fake, fake);
        }

        var options = new SriovApplyOptions { PollInterval = TimeSpan.FromMilliseconds(1), VfWaitTimeout = TimeSpan.FromMilliseconds(10) };

        (int exit, string output, string error) = Run(["policy", "apply", "-f", SeedFile, "--root", tree.Path, "--json"], Kernel, options);

        Assert.Equal(1, exit);
        Assert.Contains("ibs5f0 (0000:86:00.0): step wait for VFs failed: only 0 of 12 VFs appeared", error, StringComparison.Ordinal);
        using JsonDocument state = JsonDocument.Parse(output);
        JsonElement status = state.RootElement.GetProperty("status");
        Assert.Equal("Failed", status.GetProperty("syncStatus").GetString());
        Assert.Contains("(already changed on this PF: numVfs 0 → 12)", status.GetProperty("lastSyncError").GetString(), StringComparison.Ordinal);
    }
}
