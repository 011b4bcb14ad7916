using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Multus;
using Dragline.Api.Serialization;
using Dragline.Cni.Runtime;
using Dragline.Linux.Discovery;
using Dragline.Linux.Namespaces;

namespace Dragline.Lab;

/// <summary>
/// <c>dragline lab up / status / down</c>: the seed acted out on one machine. Sequences the phases: plan
/// (<see cref="LabPlanner"/>), preflight (<see cref="LabPreflight"/>), fabric (<see cref="LabFabric"/>), store
/// (<see cref="LabStore"/>), agents (<see cref="LabAgents"/>), pods (<see cref="LabAttacher"/>), connectivity
/// (<see cref="LabPinger"/>); and <see cref="LabTeardown"/> for down.
/// </summary>
public sealed class LabRunner
{
    public const string StateFileName = LabStateFile.FileName;
    private static readonly TimeSpan AgentReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Action<string> _progress;

    public LabRunner(Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _progress = progress;
    }

    public static string StateFile(string stateDirectory) => LabStateFile.PathIn(stateDirectory);

    /// <summary>Loads the saved state, or null when there is none.</summary>
    public static LabState? Load(string stateDirectory) => LabStateFile.Load(stateDirectory);

    /// <summary>
    /// Builds the lab. The plan and the preflight come first and touch nothing; a lab already present (state file, or the
    /// first node's namespace) is then torn down before the new one is built.
    /// </summary>
    public async Task<LabState> UpAsync(LabOptions options, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the lab runs on Linux only");
        }

        ArgumentNullException.ThrowIfNull(options);
        LabPlanner.ValidatePrefix(options.Prefix);
        string stateDirectory = Path.GetFullPath(options.StateDirectory);
        string binary = options.DraglineBinary ?? Environment.ProcessPath ?? throw new LabException("cannot tell the path of the running dragline binary");
        IReadOnlyList<string> cniPath = options.CniPath ?? LabCniPath.Default();

        List<ManifestDocument> documents = LabPlanner.ReadManifests(options.Manifests);
        LabState state = LabPlanner.Plan(options, documents, stateDirectory);
        var plugins = new CniConfigListExecutor(cniPath);
        IReadOnlyList<string> problems = LabPreflight.Check(state, cniPath, type => plugins.TryFindPlugin(type) is not null, options.Host ?? LabHostCapabilities.Discover(HostRoot.Live));
        if (problems.Count > 0)
        {
            throw new LabPreflightException(LabPreflight.Describe(problems, options.Manifests), problems);
        }

        if (File.Exists(StateFile(stateDirectory)) || File.Exists(NetworkNamespace.PathOf(options.Prefix + "node1")) || File.Exists(NetworkNamespace.PathOf(options.Prefix + "fabric")))
        {
            _progress("a lab is already up: tearing it down to rebuild it");
            LabDownReport down = await DownAsync(stateDirectory, options.Prefix, cancellationToken).ConfigureAwait(false);
            if (!down.Succeeded)
            {
                throw new LabException($"could not tear down the previous lab: {string.Join("; ", down.Problems)}");
            }
        }

        Directory.CreateDirectory(stateDirectory);
        File.SetUnixFileMode(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        LabStateFile.Save(state);

        var pools = documents.Select(d => d.Object).OfType<SpiderIPPool>().ToList();
        LabFabric.Build(state, pools, _progress);

        int networks = documents.Select(d => d.Object).OfType<SpiderMultusConfig>().Count();
        _progress($"storing {pools.Count} pool(s), {networks} network(s) and {state.Pods.Count} pod(s) in {state.Store}");
        await LabStore.StoreObjectsAsync(state, documents, cancellationToken).ConfigureAwait(false);

        foreach (LabNodeState node in state.Nodes)
        {
            node.AgentPid = LabAgents.Start(binary, node, state.Store);
            LabStateFile.Save(state);
            _progress($"agent of {node.Name} started (pid {node.AgentPid}, socket {node.AgentSocket})");
        }

        foreach (LabNodeState node in state.Nodes)
        {
            await LabAgents.WaitReadyAsync(node, AgentReadyTimeout, cancellationToken).ConfigureAwait(false);
            _progress($"agent of {node.Name} is ready");
        }

        foreach (LabPodState pod in state.Pods)
        {
            LabAttacher.Attach(state, pod, cniPath, _progress);
        }

        state.Connectivity = LabPinger.PingAll(state, _progress);
        LabStateFile.Save(state);
        int ok = state.Connectivity.Count(p => p.Success);
        _progress($"connectivity: {ok} of {state.Connectivity.Count} pairs answer");
        return state;
    }

    /// <summary>Tears the lab down (see <see cref="LabTeardown"/>); works without the state file.</summary>
    public Task<LabDownReport> DownAsync(string stateDirectoryPath, string prefix, CancellationToken cancellationToken = default) =>
        LabTeardown.DownAsync(stateDirectoryPath, prefix, _progress, cancellationToken);
}
