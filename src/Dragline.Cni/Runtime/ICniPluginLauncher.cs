namespace Dragline.Cni.Runtime;

/// <summary>
/// Starts one plugin process for <see cref="CniConfigListExecutor"/> (libcni's <c>invoke.Exec</c>). The alternatives are
/// real: a runtime starts plugins in its own network namespace (<see cref="ProcessCniPluginLauncher"/>); the lab starts
/// them inside a node's namespace, where the node's uplink (the macvlan master) lives.
/// </summary>
public interface ICniPluginLauncher
{
    /// <summary>
    /// Runs <paramref name="pluginPath"/> with <paramref name="environment"/> added to this process's own, writes
    /// <paramref name="stdin"/> and closes it, and returns when the process exits or has been killed after <paramref name="timeout"/>.
    /// </summary>
    CniPluginOutcome Launch(string pluginPath, IReadOnlyDictionary<string, string> environment, string stdin, TimeSpan timeout);
}
