namespace Dragline.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void AssemblyLoads() => Assert.NotNull(typeof(Dragline.Core.DraglineException).Assembly);
}
