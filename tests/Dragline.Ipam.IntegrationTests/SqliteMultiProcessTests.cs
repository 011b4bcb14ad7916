using System.Diagnostics;
using Dragline.Ipam.Store;
using Dragline.Ipam.Tests.Store;

namespace Dragline.Ipam.IntegrationTests;

/// <summary>Several agents (real processes) sharing one SQLite file.</summary>
public sealed class SqliteMultiProcessTests
{
    private static string WorkerPath
    {
        get
        {
            // Artifacts layout: bin/<project>/<configuration>/; the worker sits beside this test project.
            string here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            string configuration = Path.GetFileName(here);
            return Path.GetFullPath(Path.Combine(here, "..", "..", "Dragline.Ipam.StoreWorker", configuration, "Dragline.Ipam.StoreWorker.dll"));
        }
    }

    [Fact]
    public async Task FailureMode01_FourProcessesReservingInOneFile_NoAddressTwiceNothingLost()
    {
        Assert.True(File.Exists(WorkerPath), $"the worker was not built at {WorkerPath}");
        using var dir = new TempDirectory();
        string db = Path.Combine(dir.Path, "ipam.db");
        const int Workers = 4;
        const int PerWorker = 25;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

        Task<(int Code, string Out, string Err)>[] runs = [.. Enumerable.Range(0, Workers).Select(w => RunAsync(dotnet, [WorkerPath, db, "w" + w, PerWorker.ToString(), "200"]))];
        (int Code, string Out, string Err)[] results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.Code == 0, $"worker failed ({r.Code}): {r.Err}"));
        List<string> won = [.. results.SelectMany(r => r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        Assert.Equal(Workers * PerWorker, won.Count);
        Assert.Equal(Workers * PerWorker, won.Distinct().Count());
        await using SqliteStore store = SqliteStore.Open(db);
        PoolAllocations final = await store.ReadPoolAsync("shared", TestContext.Current.CancellationToken);
        Assert.Equal(won.Order(StringComparer.Ordinal), final.Records.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Workers * PerWorker, final.Records.Values.Select(r => r.Owner.PodUid).Distinct().Count());
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + file);
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
