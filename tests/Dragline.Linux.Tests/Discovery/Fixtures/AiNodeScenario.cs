using Dragline.Testing.Sysfs;

namespace Dragline.Linux.Tests.Discovery.Fixtures;

public sealed class AiNodeScenario() : MaterialisedScenario(SysfsFixtures.AiNode);
