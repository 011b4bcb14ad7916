using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery.Fixtures;

public sealed class NoRdmaHostScenario() : MaterialisedScenario(SysfsFixtures.NoRdmaHost);
