using System.Diagnostics;
using Dragline.Cni.Agent;
using Dragline.Linux;

namespace Dragline.Lab;

/// <summary>
/// The lab's agent processes: <c>dragline agent</c> started from the running binary, one per node, detached
/// (own session, output to a log file in the state directory) so they outlive <c>lab up</c>.
/// </summary>
public static class LabAgents
{
    /// <summary>Starts the agent of <paramref name="node"/>; returns its pid.</summary>
    public static int Start(string draglineBinary, LabNodeState node, string store)
    {
        ArgumentNullException.ThrowIfNull(node);
        // setsid gives the agent its own session (a Ctrl-C on lab up does not reach it); sh only redirects the output.
        // The script is a constant: paths and names are passed as arguments and an environment variable, never spliced in.
        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false };
        foreach (string argument in (string[])["/bin/sh", "-c", "exec \"$@\" </dev/null >>\"$DRAGLINE_LAB_LOG\" 2>&1", "sh",
                     draglineBinary, "agent", "--node", node.Name, "--store", store, "--socket", node.AgentSocket])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DRAGLINE_LAB_LOG"] = node.AgentLog;
        using Process process = Process.Start(start) ?? throw new LabException($"could not start the agent of {node.Name}");
        return process.Id;
    }

    /// <summary>
    /// Waits until the agent reports itself ready on <c>GET /v1/status</c>, through the client the CNI plugin uses, so
    /// "ready" means what the first ADD will see. Fails at once when the agent process has exited.
    /// </summary>
    public static async Task WaitReadyAsync(LabNodeState node, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var client = new AgentClient(new AgentClientOptions { SocketPath = node.AgentSocket, ConnectTimeout = TimeSpan.FromSeconds(2), RequestTimeout = TimeSpan.FromSeconds(5) });
        var clock = Stopwatch.StartNew();
        string last = "no socket yet";
        while (clock.Elapsed < timeout)
        {
            if (node.AgentPid > 0 && !IsAlive(node.AgentPid))
            {
                throw new LabException($"the agent of {node.Name} (pid {node.AgentPid}) exited; see {node.AgentLog}");
            }

            if (File.Exists(node.AgentSocket))
            {
                try
                {
                    AgentStatus status = await client.GetStatusAsync(new AgentStatusQuery(), cancellationToken).ConfigureAwait(false);
                    if (status.Ready)
                    {
                        return;
                    }

                    last = status.Message ?? "the agent says it is not ready";
                }
                catch (AgentException ex)
                {
                    last = ex.Message;
                }
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new LabException($"the agent of {node.Name} was not ready within {timeout.TotalSeconds:0} s ({last}); see {node.AgentLog}");
    }

    /// <summary>Sends SIGTERM and waits for the exit (SIGKILL after <paramref name="timeout"/>). False when it was not running.</summary>
    public static bool Stop(int pid, TimeSpan timeout)
    {
        if (pid <= 0 || !IsAlive(pid) || !ProcessSignals.Terminate(pid))
        {
            return false;
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (!IsAlive(pid))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        _ = ProcessSignals.Kill(pid);
        return true;
    }

    /// <summary>True when <paramref name="pid"/> is running (not a zombie).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Pids of <c>dragline agent</c> processes whose <c>--socket</c> lies in <paramref name="stateDirectory"/> (found after a crash).</summary>
    public static IReadOnlyList<int> FindByStateDirectory(string stateDirectory)
    {
        string prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(stateDirectory)) + "/";
        var found = new List<int>();
        foreach (string entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out int pid))
            {
                continue;
            }

            string[] argv;
            try
            {
                argv = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            int agent = Array.IndexOf(argv, "agent");
            int socket = Array.IndexOf(argv, "--socket");
            if (agent >= 1 && socket > agent && socket + 1 < argv.Length && argv[socket + 1].StartsWith(prefix, StringComparison.Ordinal)
                && Path.GetFileName(argv[agent - 1]).StartsWith("dragline", StringComparison.Ordinal))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
