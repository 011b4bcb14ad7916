using Dragline.Linux.Discovery;
using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery.Fixtures;

/// <summary>A scenario built from its manifest into a temp folder and discovered once per test class.</summary>
public abstract class MaterialisedScenario : IDisposable
{
    private readonly TemporaryTree _tree;

    protected MaterialisedScenario(string scenario)
    {
        _tree = SysfsFixtures.Materialise(scenario);
        Root = new HostRoot(_tree.Path);
        Discovery = new HostDiscovery(Root);
        Inventory = Discovery.Discover();
    }

    public HostRoot Root { get; }

    public HostDiscovery Discovery { get; }

    public HostInventory Inventory { get; }

    public void Dispose()
    {
        _tree.Dispose();
        GC.SuppressFinalize(this);
    }
}
