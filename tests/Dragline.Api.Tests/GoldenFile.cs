namespace Dragline.Api.Tests;

/// <summary>
/// Compares a test's output with a committed expected ("golden") file. With <c>DRAGLINE_UPDATE_GOLDEN=1</c> it
/// rewrites the file with the output and then fails the test, saying so: an update run can never pass, so a CI
/// run with the variable set cannot go green by rewriting what it checks. Review the diff, then run again without it.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "DRAGLINE_UPDATE_GOLDEN";

    /// <param name="expectedFile">The golden file.</param>
    /// <param name="actual">What the test produced.</param>
    /// <param name="environment">Reads an environment variable (a seam for tests; default: the process environment).</param>
    public static void AssertMatches(string expectedFile, string actual, Func<string, string?>? environment = null)
    {
        if ((environment ?? Environment.GetEnvironmentVariable)(UpdateVariable) == "1")
        {
            bool existed = File.Exists(expectedFile);
            bool unchanged = existed && File.ReadAllText(expectedFile) == actual;
            File.WriteAllText(expectedFile, actual);
            Assert.Fail(unchanged
                ? $"{UpdateVariable}=1 rewrote {expectedFile} (its content was already right); an update run never passes: run again without {UpdateVariable}"
                : $"{UpdateVariable}=1 rewrote {expectedFile} ({(existed ? "changed" : "created")}); an update run never passes: review the diff (git diff) and run again without {UpdateVariable}");
        }

        Assert.True(File.Exists(expectedFile), $"{expectedFile} is missing; run once with {UpdateVariable}=1 (the run fails, saying it wrote the file), review the file, and run again without it");
        Assert.Equal(File.ReadAllText(expectedFile), actual);
    }
}
