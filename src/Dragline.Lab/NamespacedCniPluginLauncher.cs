using Dragline.Cni.Runtime;
using Dragline.Linux.Namespaces;

namespace Dragline.Lab;

/// <summary>
/// Starts CNI plugins inside a lab node's network namespace: the node's <c>eth0</c>, the macvlan master, exists only
/// there, as it would on a real node whose runtime runs in the host namespace.
/// </summary>
public sealed class NamespacedCniPluginLauncher : ICniPluginLauncher
{
    private readonly NetworkNamespace _node;

    public NamespacedCniPluginLauncher(NetworkNamespace node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
    }

    public CniPluginOutcome Launch(string pluginPath, IReadOnlyDictionary<string, string> environment, string stdin, TimeSpan timeout)
    {
        NamespacedProcess.Outcome outcome = NamespacedProcess.Run(_node, pluginPath, [], environment, stdin, timeout);
        return new CniPluginOutcome(outcome.ExitCode, outcome.Output, outcome.Error);
    }
}
