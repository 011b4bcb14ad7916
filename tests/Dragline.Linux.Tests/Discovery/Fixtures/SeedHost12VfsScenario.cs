using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery.Fixtures;

public sealed class SeedHost12VfsScenario() : MaterialisedScenario(SysfsFixtures.SeedHost12Vfs);
