using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery.Fixtures;

public sealed class SeedHostScenario() : MaterialisedScenario(SysfsFixtures.SeedHost);
