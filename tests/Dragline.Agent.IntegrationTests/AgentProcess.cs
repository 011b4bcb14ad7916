using System.Diagnostics;
using System.Text;
using Dragline.Cni.Agent;

namespace Dragline.Agent.IntegrationTests;

/// <summary>
/// <c>dragline agent</c> as its own process (the CLI built beside these tests, run with <c>dotnet</c>), so a test
/// can SIGKILL it or send SIGTERM and watch it drain.
/// </summary>
internal sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly StringBuilder _standardOutput = new();

    private AgentProcess(Process process, string socketPath)
    {
        _process = process;
        SocketPath = socketPath;
        _process.OutputDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data is not null)
            {
                lock (_log)
                {
                    _standardOutput.AppendLine(e.Data);
                }
            }
        };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string SocketPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process wrote to standard output alone (the agent logs to standard error only).</summary>
    public string StandardOutput
    {
        get
        {
            lock (_log)
            {
                return _standardOutput.ToString();
            }
        }
    }

    /// <summary>Both streams, interleaved as they arrived.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static Task<AgentProcess> StartAsync(string nodeName, string store, string socketPath) =>
        StartAsync(Path.Combine(AppContext.BaseDirectory, "dragline.dll"), ["agent", "--node", nodeName, "--store", store, "--socket", socketPath], socketPath);

    /// <summary>
    /// The node daemon over the SQLite file wrapped in <c>CrashAfterCommitStore</c> (tests/Dragline.Agent.TestHost):
    /// it SIGKILLs itself after committing the first allocation, before replying.
    /// </summary>
    public static Task<AgentProcess> StartCrashingAfterCommitAsync(string nodeName, string sqliteFile, string socketPath)
    {
        // Artifacts layout: bin/<project>/<configuration>/; the test host sits beside this test project.
        string here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string testHost = Path.GetFullPath(Path.Combine(here, "..", "..", "Dragline.Agent.TestHost", Path.GetFileName(here), "Dragline.Agent.TestHost.dll"));
        if (!File.Exists(testHost))
        {
            throw new InvalidOperationException($"the agent test host was not built at {testHost}");
        }

        return StartAsync(testHost, ["crash-after-commit", nodeName, sqliteFile, socketPath], socketPath);
    }

    private static async Task<AgentProcess> StartAsync(string assembly, string[] arguments, string socketPath)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["exec", assembly, .. arguments])
        {
            start.ArgumentList.Add(arg);
        }

        var agent = new AgentProcess(Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet"), socketPath);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = socketPath, RequestTimeout = TimeSpan.FromSeconds(5) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (!await client.IsReadyAsync(timeout.Token))
        {
            if (agent.HasExited)
            {
                throw new InvalidOperationException($"the agent exited with {agent.ExitCode} before it was ready:\n{agent.Log}");
            }

            await Task.Delay(100, timeout.Token);
        }

        return agent;
    }

    /// <summary>Sends SIGTERM (the runtime's stop) through the kill tool, which takes the pid as an argument.</summary>
    public Task TerminateAsync() => Host.RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
