namespace Dragline.KernelLab.Tests;

/// <summary>What one guest scenario left in the results share: its exit status, its log, and its data folder.</summary>
public sealed record ScenarioResult(string Name, int ExitCode, string Log, string DataDirectory)
{
    public bool Passed => ExitCode == 0;

    /// <summary>Fails the test with the scenario's log when the scenario failed in the guest.</summary>
    public void AssertPassed()
    {
        if (!Passed)
        {
            Assert.Fail($"scenario {Name} failed in the guest (exit {ExitCode}); its log:\n{Log}");
        }
    }

    public string ReadData(string fileName)
    {
        string path = Path.Combine(DataDirectory, fileName);
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"scenario {Name} left no {fileName}", path);
    }
}
