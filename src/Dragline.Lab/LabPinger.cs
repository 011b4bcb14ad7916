using Dragline.Linux.Namespaces;

namespace Dragline.Lab;

/// <summary>The last phase of <c>lab up</c>: every pod pings every address of every other pod once.</summary>
public static class LabPinger
{
    public static List<LabPing> PingAll(LabState state, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(progress);
        var pings = new List<LabPing>();
        foreach (LabPodState from in state.Pods)
        {
            using NetworkNamespace source = NetworkNamespace.OpenByName(from.NetworkNamespace);
            foreach (LabPodState to in state.Pods.Where(p => p != from))
            {
                foreach (LabAttachmentState target in to.Attachments.Where(a => a.Address is not null))
                {
                    string ip = target.Address!.Split('/')[0];
                    NamespacedProcess.Outcome outcome = NamespacedProcess.Run(source, "ping", ["-c", "1", "-W", "2", ip], null, null, TimeSpan.FromSeconds(10));
                    string detail = outcome.ExitCode == 0
                        ? outcome.Output.Split('\n').FirstOrDefault(l => l.Contains("time=", StringComparison.Ordinal))?.Trim() ?? "reply"
                        : (outcome.Output + outcome.Error).Trim().Split('\n').LastOrDefault() ?? "no reply";
                    pings.Add(new LabPing(from.Name, to.Name, ip, outcome.ExitCode == 0, detail));
                    progress($"ping {from.Name} -> {to.Name} ({ip}): {(outcome.ExitCode == 0 ? "ok" : "FAILED")}");
                }
            }
        }

        return pings;
    }
}
