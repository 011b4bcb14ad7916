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

    private AgentProcess(Process process, string socketPath)
    {
        _process = process;
        SocketPath = socketPath;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string SocketPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

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

    public static async Task<AgentProcess> StartAsync(string nodeName, string store, string socketPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "dragline.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])["exec", cli, "agent", "--node", nodeName, "--store", store, "--socket", socketPath])
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
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
