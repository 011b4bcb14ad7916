namespace Dragline.Api.Tests;

/// <summary>The golden-file helper: an update run rewrites the file and fails; a normal run compares and never writes.</summary>
public sealed class GoldenFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dragline-golden-").FullName;

    private string File1 => Path.Combine(_dir, "expected.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Func<string, string?> Env(string? update) => name => name == GoldenFile.UpdateVariable ? update : null;

    [Fact]
    public void UpdateModeRewritesTheFileAndFailsSayingSo()
    {
        File.WriteAllText(File1, "old\n");

        Exception error = Assert.ThrowsAny<Exception>(() => GoldenFile.AssertMatches(File1, "new\n", Env("1")));

        Assert.Contains("DRAGLINE_UPDATE_GOLDEN=1 rewrote " + File1, error.Message, StringComparison.Ordinal);
        Assert.Contains("changed", error.Message, StringComparison.Ordinal);
        Assert.Equal("new\n", File.ReadAllText(File1));
    }

    [Fact]
    public void UpdateModeFailsEvenWhenTheFileWasAlreadyRight()
    {
        File.WriteAllText(File1, "same\n");

        Exception error = Assert.ThrowsAny<Exception>(() => GoldenFile.AssertMatches(File1, "same\n", Env("1")));

        Assert.Contains("already right", error.Message, StringComparison.Ordinal);
        Assert.Equal("same\n", File.ReadAllText(File1));
    }

    [Fact]
    public void UpdateModeCreatesAMissingFileAndFails()
    {
        Exception error = Assert.ThrowsAny<Exception>(() => GoldenFile.AssertMatches(File1, "first\n", Env("1")));

        Assert.Contains("created", error.Message, StringComparison.Ordinal);
        Assert.Equal("first\n", File.ReadAllText(File1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public void WithoutUpdateModeADifferenceFailsAndTheFileStays(string? update)
    {
        File.WriteAllText(File1, "old\n");

        Assert.ThrowsAny<Exception>(() => GoldenFile.AssertMatches(File1, "new\n", Env(update)));

        Assert.Equal("old\n", File.ReadAllText(File1));
    }

    [Fact]
    public void WithoutUpdateModeAMatchPasses()
    {
        File.WriteAllText(File1, "same\n");
        GoldenFile.AssertMatches(File1, "same\n", Env(null));
        Assert.Equal("same\n", File.ReadAllText(File1));
    }
}
