using System.Text.RegularExpressions;
using Dragline.Cni.Plugins;

namespace Dragline.Cni.Tests;

/// <summary>Many plugin processes log at once; rotation must lose and tear nothing.</summary>
public sealed partial class PluginLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dragline-pluginlog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO \[w(\d+)\] line (\d+) x{150} end$")]
    private static partial Regex Line();

    [Fact]
    public void ConcurrentWritersAcrossManyRotations_LoseAndTearNoLine()
    {
        const int writers = 8;
        const int linesEach = 300;
        string path = Path.Combine(_dir, "plugin.log");
        string padding = new('x', 150);

        // Each writer has its own PluginLog, and every Write opens its own descriptors, as separate processes do.
        using var start = new Barrier(writers);
        Thread[] threads = [.. Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            var log = new PluginLog(path, PluginLogLevel.Info, maxBytes: 16 * 1024, maxAgeDays: 0, maxCount: 1000, prefix: $"[w{w}] ");
            start.SignalAndWait();
            for (int i = 0; i < linesEach; i++)
            {
                log.Write(PluginLogLevel.Info, $"line {i} {padding} end");
            }
        }))];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        string[] files = [.. Directory.GetFiles(_dir, "plugin.log*").Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))];
        Assert.True(files.Length >= 10, $"expected many rotations, found {files.Length} files");
        var seen = new HashSet<(int Writer, int Line)>();
        foreach (string file in files)
        {
            foreach (string line in File.ReadAllLines(file))
            {
                Match match = Line().Match(line);
                Assert.True(match.Success, $"torn or interleaved line in {Path.GetFileName(file)}: '{line}'");
                Assert.True(seen.Add((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value))), $"line written twice: {line}");
            }
        }

        Assert.Equal(writers * linesEach, seen.Count);
    }

    [Fact]
    public void RotationKeepsAtMostMaxCountFiles()
    {
        string path = Path.Combine(_dir, "plugin.log");
        var log = new PluginLog(path, PluginLogLevel.Info, maxBytes: 1024, maxAgeDays: 0, maxCount: 3, prefix: "");

        for (int i = 0; i < 200; i++)
        {
            log.Write(PluginLogLevel.Info, $"line {i} {new string('y', 100)}");
        }

        Assert.True(File.Exists(path + ".3"));
        Assert.False(File.Exists(path + ".4"));
        Assert.Contains("line 199 ", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
