using System.Diagnostics;
using Dragline.Testing;

namespace Dragline.Lab.Tests;

/// <summary>
/// scripts/trx-summary.sh, which ./test.sh ends with: it lists every skip with its reason, and under CI (--ci) counts
/// a skip as a failure unless its reason is a <see cref="KernelSkip"/> reason. Runs the script on TRX files made here.
/// </summary>
public sealed class TrxSummaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dragline-trx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ListsEverySkipWithItsReasonAndCountsThem()
    {
        WriteTrx();
        string[] lines = Run(ci: false);
        Assert.Contains("  T.Rdma: " + KernelSkip.Lacks("the RDMA core", "runs in the kernel lab"), lines);
        Assert.Contains("  T.NeedsRoot: needs root: \"creates namespaces\" & links", lines);
        Assert.Equal("3 1 2", lines[^1]);
    }

    [Fact]
    public void UnderCiOnlyKernelReasonsStaySkipsAndTheRestFail()
    {
        WriteTrx();
        string[] lines = Run(ci: true);
        Assert.Contains("  T.Rdma: " + KernelSkip.Lacks("the RDMA core", "runs in the kernel lab"), lines);
        Assert.Contains(lines, l => l.StartsWith("  FAILED", StringComparison.Ordinal) && l.Contains("T.NeedsRoot: needs root", StringComparison.Ordinal));
        Assert.Equal("3 2 1", lines[^1]);
    }

    [Fact]
    public void KernelReasonsHaveTheirPrefixes()
    {
        Assert.True(KernelSkip.IsKernelReason(KernelSkip.Lacks("802.1Q (the 8021q module)", "")));
        Assert.True(KernelSkip.IsKernelReason(KernelSkip.Has("RDMA (/sys/class/infiniband)", "not a host without RDMA")));
        Assert.False(KernelSkip.IsKernelReason("needs root"));
        Assert.Equal("kernel lacks: x; y", KernelSkip.Lacks("x", "y"));
    }

    private void WriteTrx()
    {
        // As the TRX logger writes them: counters, a self-closing passed result, skips with their reasons (escaped).
        string trx = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun id="1" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
              <Results>
                <UnitTestResult executionId="1" testId="1" testName="T.Passes" outcome="Passed" />
                <UnitTestResult executionId="2" testId="2" testName="T.Rdma" outcome="NotExecuted">
                  <Output>
                    <ErrorInfo>
                      <Message>{KernelSkip.Lacks("the RDMA core", "runs in the kernel lab")}</Message>
                    </ErrorInfo>
                  </Output>
                </UnitTestResult>
                <UnitTestResult executionId="3" testId="3" testName="T.NeedsRoot" outcome="NotExecuted">
                  <Output>
                    <ErrorInfo>
                      <Message>needs root: &quot;creates namespaces&quot; &amp; links</Message>
                    </ErrorInfo>
                  </Output>
                </UnitTestResult>
              </Results>
              <ResultSummary outcome="Completed">
                <Counters total="7" executed="5" passed="3" failed="1" error="0" timeout="0" aborted="0" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="0" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
              </ResultSummary>
            </TestRun>
            """;
        Directory.CreateDirectory(Path.Combine(_dir, "P"));
        File.WriteAllText(Path.Combine(_dir, "P", "P.trx"), trx);
    }

    private static string Script()
    {
        return RepositoryPaths.File("scripts", "trx-summary.sh");
    }

    private string[] Run(bool ci)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script());
        if (ci)
        {
            start.ArgumentList.Add("--ci");
        }

        start.ArgumentList.Add(_dir);
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"trx-summary.sh exited {process.ExitCode}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
