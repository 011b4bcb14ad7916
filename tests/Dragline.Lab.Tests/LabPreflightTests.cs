using Dragline.Testing;

namespace Dragline.Lab.Tests;

/// <summary>
/// The preflight on plans of the repository's own manifests, with the plugin lookup and the host's capabilities given,
/// so each case is the same on every machine.
/// </summary>
public sealed class LabPreflightTests
{
    private static readonly string[] CniPath = ["/repo/artifacts/cni", "/usr/lib/cni"];
    private static readonly HashSet<string> SharedModePlugins = ["macvlan", "dragline-ipam", "dragline-coordinator"];
    private static readonly LabHostCapabilities Bare = new(HasSriov: false, HasRdma: false);

    private static string RepositoryFile(params string[] parts)
    {
        return RepositoryPaths.File(parts);
    }

    private static LabState Plan(string manifest)
    {
        var options = new LabOptions { Manifests = [manifest], StateDirectory = "/run/lab-test" };
        return LabPlanner.Plan(options, LabPlanner.ReadManifests(options.Manifests), options.StateDirectory);
    }

    [Fact]
    public void The_shared_seed_passes_on_a_bare_host_with_the_shared_mode_plugins()
    {
        LabState plan = Plan(RepositoryFile("examples", "lab", "seed-shared.yaml"));

        IReadOnlyList<string> problems = LabPreflight.Check(plan, CniPath, SharedModePlugins.Contains, Bare);

        Assert.Empty(problems);
    }

    [Fact]
    public void The_ib_sriov_seed_names_the_missing_plugin_and_the_missing_sr_iov()
    {
        LabState plan = Plan(RepositoryFile("examples", "seed", "ib-sriov.yaml"));

        IReadOnlyList<string> problems = LabPreflight.Check(plan, CniPath, SharedModePlugins.Contains, Bare);

        Assert.Contains(problems, p => p.Contains("CNI plugin 'dragline-ib-sriov' (it is planned and not built yet)", StringComparison.Ordinal) && p.Contains("/repo/artifacts/cni:/usr/lib/cni", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no SR-IOV", StringComparison.Ordinal) && p.Contains("dragline-ib-sriov", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("'dragline-ipam'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_host_with_sr_iov_and_every_plugin_passes_the_ib_sriov_seed()
    {
        LabState plan = Plan(RepositoryFile("examples", "seed", "ib-sriov.yaml"));

        IReadOnlyList<string> problems = LabPreflight.Check(plan, CniPath, _ => true, new LabHostCapabilities(HasSriov: true, HasRdma: true));

        Assert.Empty(problems);
    }

    [Fact]
    public void A_missing_reference_plugin_is_named_even_when_the_host_has_everything()
    {
        LabState plan = Plan(RepositoryFile("examples", "lab", "seed-shared.yaml"));

        IReadOnlyList<string> problems = LabPreflight.Check(plan, CniPath, t => t != "macvlan", new LabHostCapabilities(true, true));

        string problem = Assert.Single(problems);
        Assert.Contains("CNI plugin 'macvlan'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_says_nothing_was_created_and_what_to_run_instead()
    {
        string message = LabPreflight.Describe(["CNI plugin 'dragline-ib-sriov' (network kube-system/ib-sriov) is not in any of /a:/b"], ["examples/seed/ib-sriov.yaml"]);

        Assert.Contains("nothing was created", message, StringComparison.Ordinal);
        Assert.Contains("dragline-ib-sriov", message, StringComparison.Ordinal);
        Assert.Contains("dragline lab up --kernel -f examples/seed/ib-sriov.yaml", message, StringComparison.Ordinal);
    }
}
