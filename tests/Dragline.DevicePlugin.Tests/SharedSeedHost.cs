using Dragline.DevicePlugin.Pools;
using Dragline.Testing.Sysfs;

namespace Dragline.DevicePlugin.Tests;

/// <summary>The seed's 12-VF host materialised and discovered once per test class, for tests that do not change it.</summary>
public sealed class SharedSeedHost : IDisposable
{
    public SharedSeedHost()
    {
        Fixture = new FixtureHost(SysfsFixtures.SeedHost12Vfs);
        View = Fixture.Discover();
    }

    public FixtureHost Fixture { get; }

    public HostView View { get; }

    public void Dispose() => Fixture.Dispose();
}
