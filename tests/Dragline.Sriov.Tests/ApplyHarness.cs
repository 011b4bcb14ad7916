using Dragline.Api.Model.Sriov;
using Dragline.Core.Hardware;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Apply;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;
using Dragline.Testing.Sriov;

namespace Dragline.Sriov.Tests;

/// <summary>A writable copy of a fixture tree, the fake kernel acting on it, and plan-then-apply in one call.</summary>
public sealed class ApplyHarness : IDisposable
{
    private readonly WritableFixtureTree _tree;

    public ApplyHarness(string scenario)
    {
        _tree = FixtureTrees.Writable(scenario);
        Root = new HostRoot(_tree.Path);
        Kernel = new FakeSriovKernel(Root);
    }

    public HostRoot Root { get; }

    public FakeSriovKernel Kernel { get; }

    public SriovApplyOptions Options { get; set; } = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(1),
        VfWaitTimeout = TimeSpan.FromSeconds(10),
        NetdevWaitTimeout = TimeSpan.FromSeconds(10),
        NewGuid = (_, vf) => TestGuid(vf),
    };

    /// <summary>The GUID tests give VF <paramref name="vf"/>: 02:00:00:00:00:00:00:vf+1.</summary>
    public static Guid64 TestGuid(int vf) => new(0x0200_0000_0000_0000UL + (ulong)vf + 1);

    public SriovNetworkNodeStateStatus Status() => SriovNodeStatusBuilder.Build(new HostDiscovery(Root).Discover());

    public SriovNodePlan Plan(string yaml) => new SriovPolicyPlanner().Plan(PolicyText.Parse(yaml), PolicyText.LinuxNode, Status(), "node1");

    public SriovApplyResult Apply(SriovNodePlan plan) => new SriovPlanApplier(Kernel, Kernel, Options).Apply(plan);

    /// <summary>Plans <paramref name="yaml"/> against the tree as it is now and applies it.</summary>
    public SriovApplyResult PlanAndApply(string yaml) => Apply(Plan(yaml));

    public void Dispose() => _tree.Dispose();
}
