using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dragline.Agent.Objects;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Multus;
using Dragline.Api.Rendering;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using Dragline.Core;
using Dragline.Core.Net;
using Dragline.Ipam.Etcd;
using Dragline.Ipam.Store;
using Dragline.Linux;
using Dragline.Linux.Namespaces;
using Dragline.Linux.Netlink;

namespace Dragline.Lab;

/// <summary>
/// <c>dragline lab up / status / down</c>: the seed acted out on one machine. Nodes are network namespaces whose
/// uplink <c>eth0</c> is a veth into a bridge in the fabric namespace (the switch, which also holds each pool's
/// gateway address); each node runs its own <c>dragline agent</c> process against one SQLite store; pods are
/// namespaces attached through the real CNI plugins, run inside their node's namespace.
/// </summary>
public sealed class LabRunner
{
    public const string StateFileName = "lab.json";
    private const string BridgeName = "br0";
    private const string DefaultNetworkAnnotation = "v1.multus-cni.io/default-network";
    private const string NetworksAnnotation = "k8s.v1.cni.cncf.io/networks";
    private static readonly TimeSpan AgentReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Action<string> _progress;

    public LabRunner(Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _progress = progress;
    }

    public static string StateFile(string stateDirectory) => Path.Combine(stateDirectory, StateFileName);

    /// <summary>Loads the saved state, or null when there is none.</summary>
    public static LabState? Load(string stateDirectory)
    {
        string file = StateFile(stateDirectory);
        if (!File.Exists(file))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(file), LabJsonContext.Default.LabState);
        }
        catch (JsonException ex)
        {
            throw new LabException($"the lab state file '{file}' cannot be read ({ex.Message}); 'dragline lab down' cleans up by name without it after you remove it", ex);
        }
    }

    /// <summary>Builds the lab. A lab already present (state file, or the first node's namespace) is torn down first.</summary>
    public async Task<LabState> UpAsync(LabOptions options, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the lab runs on Linux only");
        }

        ArgumentNullException.ThrowIfNull(options);
        ValidatePrefix(options.Prefix);
        string stateDirectory = Path.GetFullPath(options.StateDirectory);
        string binary = options.DraglineBinary ?? Environment.ProcessPath ?? throw new LabException("cannot tell the path of the running dragline binary");
        var cni = new CniPluginRunner(options.CniPath ?? CniPluginRunner.DefaultCniPath());

        List<ManifestDocument> documents = LabManifests.Read(options.Manifests);
        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(documents);
        List<ValidationProblem> errors = problems.Where(p => p.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new LabException($"the manifests have {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        var pools = documents.Select(d => d.Object).OfType<SpiderIPPool>().ToList();
        var networks = documents.Select(d => d.Object).OfType<SpiderMultusConfig>().ToList();
        _ = cni.FindPlugin("dragline-ipam");

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
        var state = new LabState
        {
            Prefix = options.Prefix,
            StateDirectory = stateDirectory,
            Store = "sqlite:" + Path.Combine(stateDirectory, "store.db"),
            FabricNamespace = options.Prefix + "fabric",
            Pools = pools.Select(p => p.Metadata.Name ?? "").ToList(),
            PolicyPlan = LabPolicyPlanning.Plan(documents, options.PolicyPlanner, [.. Enumerable.Range(1, options.NodeCount).Select(i => "node" + i.ToString(CultureInfo.InvariantCulture))]),
        };
        for (int i = 1; i <= options.NodeCount; i++)
        {
            string name = "node" + i.ToString(CultureInfo.InvariantCulture);
            state.Nodes.Add(new LabNodeState
            {
                Name = name,
                Namespace = options.Prefix + name,
                AgentSocket = Path.Combine(stateDirectory, name + ".sock"),
                AgentLog = Path.Combine(stateDirectory, name + ".log"),
            });
        }

        state.Pods.AddRange(PlanPods(documents, state));
        Save(state);

        BuildFabric(state, pools);

        _progress($"storing {pools.Count} pool(s), {networks.Count} network(s) and {state.Pods.Count} pod(s) in {state.Store}");
        await StoreObjectsAsync(state, documents, cancellationToken).ConfigureAwait(false);

        foreach (LabNodeState node in state.Nodes)
        {
            node.AgentPid = LabAgents.Start(binary, node, state.Store);
            Save(state);
            _progress($"agent of {node.Name} started (pid {node.AgentPid}, socket {node.AgentSocket})");
        }

        foreach (LabNodeState node in state.Nodes)
        {
            LabAgents.WaitReady(node, AgentReadyTimeout);
            _progress($"agent of {node.Name} is ready");
        }

        var renderer = new NetworkAttachmentRenderer(PluginNames.Dragline);
        foreach (LabPodState pod in state.Pods)
        {
            AttachPod(state, pod, networks, renderer, cni);
        }

        state.Connectivity = Ping(state);
        Save(state);
        int ok = state.Connectivity.Count(p => p.Success);
        _progress($"connectivity: {ok} of {state.Connectivity.Count} pairs answer");
        return state;
    }

    /// <summary>
    /// Tears the lab down: CNI DEL of every attachment, the store checked for allocations left, agents stopped (SIGTERM),
    /// namespaces deleted, the state directory removed. Works without the state file from names and the process table.
    /// </summary>
    public async Task<LabDownReport> DownAsync(string stateDirectoryPath, string prefix, CancellationToken cancellationToken = default)
    {
        ValidatePrefix(prefix);
        string stateDirectory = Path.GetFullPath(stateDirectoryPath);
        var report = new LabDownReport();
        LabState? state = null;
        try
        {
            state = Load(stateDirectory);
        }
        catch (LabException ex)
        {
            report.Problems.Add(ex.Message);
        }

        if (state is not null)
        {
            var cni = new CniPluginRunner(CniPluginRunner.DefaultCniPath());
            foreach (LabPodState pod in state.Pods)
            {
                LabNodeState? node = state.Nodes.Find(n => n.Name == pod.Node);
                foreach (LabAttachmentState attachment in Enumerable.Reverse(pod.Attachments).Where(a => a.Added))
                {
                    if (node is null || !File.Exists(NetworkNamespace.PathOf(node.Namespace)))
                    {
                        report.Problems.Add($"node namespace of {pod.Name} is gone; CNI DEL of {attachment.InterfaceName} skipped");
                        continue;
                    }

                    try
                    {
                        using NetworkNamespace nodeNamespace = NetworkNamespace.OpenByName(node.Namespace);
                        cni.Delete(nodeNamespace, attachment.ConfigList, Invocation(pod, attachment));
                        attachment.Added = false;
                        report.Deleted++;
                        _progress($"CNI DEL {pod.PodNamespace}/{pod.Name} {attachment.InterfaceName}");
                    }
                    catch (Exception ex) when (ex is LabException or LinuxException)
                    {
                        report.Problems.Add(ex.Message);
                    }
                }
            }

            await CountAllocationsAsync(state.Store, report, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            string store = Path.Combine(stateDirectory, "store.db");
            if (File.Exists(store))
            {
                await CountAllocationsAsync("sqlite:" + store, report, cancellationToken).ConfigureAwait(false);
                if (report.RemainingAllocations > 0)
                {
                    _progress($"no state file: {report.RemainingAllocations} allocation(s) could not be released by CNI DEL and go with the store");
                    report.RemainingAllocations = 0; // the store is removed with the state directory: nothing is left behind
                }
            }
        }

        var pids = new HashSet<int>(state?.Nodes.Select(n => n.AgentPid).Where(p => p > 0) ?? []);
        if (Directory.Exists(stateDirectory))
        {
            pids.UnionWith(LabAgents.FindByStateDirectory(stateDirectory));
        }

        foreach (int pid in pids.Where(p => LabAgents.FindByStateDirectory(stateDirectory).Contains(p)))
        {
            if (LabAgents.Stop(pid, TimeSpan.FromSeconds(35)))
            {
                report.AgentsStopped++;
                _progress($"agent pid {pid} stopped");
            }
        }

        var names = new List<string>();
        if (state is not null)
        {
            names.AddRange(state.Pods.Select(p => p.NetworkNamespace));
            names.AddRange(state.Nodes.Select(n => n.Namespace));
            names.Add(state.FabricNamespace);
        }

        if (Directory.Exists(NetworkNamespace.NamedDirectory))
        {
            names.AddRange(Directory.EnumerateFiles(NetworkNamespace.NamedDirectory).Select(Path.GetFileName).OfType<string>()
                .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        }

        foreach (string name in names.Distinct())
        {
            try
            {
                if (NetworkNamespace.Delete(name))
                {
                    report.NamespacesDeleted.Add(name);
                }
            }
            catch (LinuxException ex)
            {
                report.Problems.Add(ex.Message);
            }
        }

        if (report.NamespacesDeleted.Count > 0)
        {
            _progress($"deleted namespaces {string.Join(", ", report.NamespacesDeleted)}");
        }

        if (report.RemainingAllocations > 0)
        {
            report.Problems.Add($"the store still holds {report.RemainingAllocations} allocation(s) after CNI DEL: {string.Join(", ", report.RemainingAllocationDetails)}");
        }

        if (Directory.Exists(stateDirectory) && report.Problems.Count == 0)
        {
            Directory.Delete(stateDirectory, recursive: true);
            report.StateDirectoryRemoved = true;
            _progress($"removed {stateDirectory}");
        }

        return report;
    }

    private static void ValidatePrefix(string prefix)
    {
        if (prefix.Length is < 2 or > 8 || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new LabException($"lab prefix '{prefix}' must be 2 to 8 characters of a-z, 0-9 and '-'");
        }
    }

    private static List<LabPodState> PlanPods(List<ManifestDocument> documents, LabState state)
    {
        var pods = new List<LabPodState>();
        int next = 0;
        foreach (ManifestDocument document in documents)
        {
            KubeObject obj = document.Object;
            string ns = string.IsNullOrEmpty(obj.Metadata.Namespace) ? "default" : obj.Metadata.Namespace;
            if (obj.Kind == "DaemonSet")
            {
                foreach (LabNodeState node in state.Nodes)
                {
                    string name = $"{obj.Metadata.Name}-{node.Name}";
                    pods.Add(NewPod(state, name, ns, node.Name, TemplateAnnotations(document.Json)));
                }
            }
            else if (obj.Kind == "Pod")
            {
                string? nodeName = document.Json["spec"]?["nodeName"]?.GetValue<string>();
                if (nodeName is not null && !state.Nodes.Exists(n => n.Name == nodeName))
                {
                    throw new LabException($"pod {ns}/{obj.Metadata.Name} has nodeName '{nodeName}'; the lab's nodes are {string.Join(", ", state.Nodes.Select(n => n.Name))}");
                }

                nodeName ??= state.Nodes[next++ % state.Nodes.Count].Name;
                pods.Add(NewPod(state, obj.Metadata.Name ?? "", ns, nodeName, obj.Metadata.Annotations ?? []));
            }
        }

        return pods;
    }

    private static Dictionary<string, string> TemplateAnnotations(JsonObject json)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json["spec"]?["template"]?["metadata"]?["annotations"] is JsonObject found)
        {
            foreach ((string key, JsonNode? value) in found)
            {
                annotations[key] = value?.ToString() ?? "";
            }
        }

        return annotations;
    }

    private static LabPodState NewPod(LabState state, string name, string ns, string node, Dictionary<string, string> annotations)
    {
        var pod = new LabPodState
        {
            Name = name,
            PodNamespace = ns,
            Uid = Guid.NewGuid().ToString(),
            Node = node,
            NetworkNamespace = state.Prefix + name,
        };
        var networks = new List<(string Network, string Interface)>();
        if (annotations.TryGetValue(DefaultNetworkAnnotation, out string? defaultNetwork) && defaultNetwork.Length > 0)
        {
            networks.Add((Qualify(defaultNetwork.Trim(), ns), "eth0"));
        }

        if (annotations.TryGetValue(NetworksAnnotation, out string? extra) && extra.Trim().Length > 0)
        {
            if (extra.TrimStart().StartsWith('['))
            {
                throw new LabException($"pod {ns}/{name}: the JSON form of {NetworksAnnotation} is not supported by the lab yet; write 'namespace/name@interface, ...'");
            }

            int index = 1;
            foreach (string item in extra.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int at = item.IndexOf('@', StringComparison.Ordinal);
                string network = at >= 0 ? item[..at] : item;
                string ifName = at >= 0 ? item[(at + 1)..] : "net" + index.ToString(CultureInfo.InvariantCulture);
                networks.Add((Qualify(network, ns), ifName));
                index++;
            }
        }

        if (networks.Count == 0)
        {
            throw new LabException($"pod {ns}/{name} names no network: give it the annotation {DefaultNetworkAnnotation} or {NetworksAnnotation}");
        }

        foreach ((string network, string ifName) in networks)
        {
            pod.Attachments.Add(new LabAttachmentState
            {
                Network = network,
                InterfaceName = ifName,
                ContainerId = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                ConfigList = "",
            });
        }

        // the annotations travel with the stored Pod object so the agent sees ipam.spidernet.io/* there
        pod.Annotations = annotations;
        return pod;
    }

    private static string Qualify(string network, string podNamespace) => network.Contains('/', StringComparison.Ordinal) ? network : podNamespace + "/" + network;

    private void BuildFabric(LabState state, List<SpiderIPPool> pools)
    {
        using NetworkNamespace fabric = NetworkNamespace.Create(state.FabricNamespace);
        using RtNetlinkClient fabricLinks = RtNetlinkClient.OpenInNamespace(fabric);
        fabricLinks.SetLinkUp(fabricLinks.GetLink("lo").Index);
        fabricLinks.CreateBridge(BridgeName);
        int bridge = fabricLinks.GetLink(BridgeName).Index;
        foreach (SpiderIPPool pool in pools)
        {
            if (pool.Spec?.Gateway is { Length: > 0 } gateway && pool.Spec.Subnet is { Length: > 0 } subnet)
            {
                string prefixLength = subnet[(subnet.IndexOf('/', StringComparison.Ordinal) + 1)..];
                IpCidr address = IpCidr.Parse($"{gateway}/{prefixLength}");
                if (!fabricLinks.ListAddresses(bridge).Any(a => a.Address.Equals(address)))
                {
                    fabricLinks.AddAddress(bridge, address);
                }
            }
        }

        fabricLinks.SetLinkUp(bridge);
        _progress($"fabric {state.FabricNamespace}: bridge {BridgeName} up with the pools' gateways");
        foreach (LabNodeState node in state.Nodes)
        {
            using NetworkNamespace nodeNamespace = NetworkNamespace.Create(node.Namespace);
            fabricLinks.CreateVeth(node.Name, "eth0", nodeNamespace.Handle);
            int port = fabricLinks.GetLink(node.Name).Index;
            fabricLinks.SetMaster(port, bridge);
            fabricLinks.SetLinkUp(port);
            using RtNetlinkClient nodeLinks = RtNetlinkClient.OpenInNamespace(nodeNamespace);
            nodeLinks.SetLinkUp(nodeLinks.GetLink("lo").Index);
            nodeLinks.SetLinkUp(nodeLinks.GetLink("eth0").Index);
            _progress($"node {node.Name}: namespace {node.Namespace}, uplink eth0 into {state.FabricNamespace}/{BridgeName}");
        }
    }

    private static async Task StoreObjectsAsync(LabState state, List<ManifestDocument> documents, CancellationToken cancellationToken)
    {
        var toStore = documents.Where(d => ObjectKinds.Find(d.Object.ApiVersion, d.Object.Kind) is not null && d.Object.Kind != "Pod").ToList();
        foreach (LabPodState pod in state.Pods)
        {
            var json = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["name"] = pod.Name,
                    ["namespace"] = pod.PodNamespace,
                    ["uid"] = pod.Uid,
                    ["annotations"] = new JsonObject(pod.Annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)JsonValue.Create(a.Value)))),
                },
                ["spec"] = new JsonObject { ["nodeName"] = pod.Node },
            };
            toStore.AddRange(ManifestReader.Default.ReadString(json.ToJsonString(), "lab"));
        }

        IStateStore store = StateStoreFactory.Open(state.Store);
        await using (store.ConfigureAwait(false))
        {
            ApplyResult result = await new StoredObjects(store, store).ApplyAsync(toStore, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new LabException($"the store refused the lab's objects: {string.Join("; ", result.Problems)}");
            }
        }
    }

    private void AttachPod(LabState state, LabPodState pod, List<SpiderMultusConfig> networks, NetworkAttachmentRenderer renderer, CniPluginRunner cni)
    {
        LabNodeState node = state.Nodes.Single(n => n.Name == pod.Node);
        using NetworkNamespace podNamespace = NetworkNamespace.Create(pod.NetworkNamespace);
        using (RtNetlinkClient podLinks = RtNetlinkClient.OpenInNamespace(podNamespace))
        {
            podLinks.SetLinkUp(podLinks.GetLink("lo").Index);
        }

        using NetworkNamespace nodeNamespace = NetworkNamespace.OpenByName(node.Namespace);
        for (int i = 0; i < pod.Attachments.Count; i++)
        {
            LabAttachmentState attachment = pod.Attachments[i];
            SpiderMultusConfig smc = networks.Find(n => $"{n.Metadata.Namespace ?? "default"}/{n.Metadata.Name}" == attachment.Network)
                ?? throw new LabException($"pod {pod.PodNamespace}/{pod.Name} asks for network {attachment.Network}, which no SpiderMultusConfig in the manifests defines");
            var withConfig = new LabAttachmentState
            {
                Network = attachment.Network,
                InterfaceName = attachment.InterfaceName,
                ContainerId = attachment.ContainerId,
                ConfigList = RenderForNode(renderer, smc, node),
            };
            pod.Attachments[i] = withConfig;
            withConfig.Added = true; // DEL is safe to repeat: mark before ADD so a failed ADD is cleaned up by down
            Save(state);
            JsonObject result = cni.Add(nodeNamespace, withConfig.ConfigList, Invocation(pod, withConfig));
            ReadResult(result, withConfig);
            Save(state);
            _progress($"pod {pod.PodNamespace}/{pod.Name} on {pod.Node}: {withConfig.InterfaceName} {withConfig.Address} via {withConfig.Network}");
        }

        pod.RdmaDevices = RdmaDevices(podNamespace);
        Save(state);
    }

    private static string RenderForNode(NetworkAttachmentRenderer renderer, SpiderMultusConfig smc, LabNodeState node)
    {
        NetworkAttachmentDefinition nad = renderer.Render(smc);
        JsonObject list = JsonNode.Parse(nad.Spec?.Config ?? "") as JsonObject
            ?? throw new LabException($"the rendered configuration of {smc.Metadata.Name} is not a JSON object");
        foreach (JsonNode? plugin in list["plugins"] as JsonArray ?? [])
        {
            if (plugin?["ipam"] is JsonObject ipam && ipam["type"]?.GetValue<string>() == PluginNames.Dragline.Ipam)
            {
                ipam["socket"] = node.AgentSocket;
            }
        }

        return list.ToJsonString();
    }

    private static void ReadResult(JsonObject result, LabAttachmentState attachment)
    {
        if (result["ips"] is JsonArray ips && ips.Count > 0 && ips[0] is JsonObject first)
        {
            attachment.Address = first["address"]?.GetValue<string>();
            attachment.Gateway = first["gateway"]?.GetValue<string>();
        }

        if (result["interfaces"] is JsonArray interfaces)
        {
            attachment.Mac = interfaces.OfType<JsonObject>()
                .FirstOrDefault(i => i["name"]?.GetValue<string>() == attachment.InterfaceName && i["sandbox"] is not null)?["mac"]?.GetValue<string>();
        }
    }

    private static string RdmaDevices(NetworkNamespace podNamespace)
    {
        try
        {
            using RdmaNetlinkClient rdma = RdmaNetlinkClient.OpenInNamespace(podNamespace);
            IReadOnlyList<RdmaNetlinkDevice> devices = rdma.ListDevices();
            return devices.Count == 0 ? "none (no RDMA device here)" : string.Join(", ", devices.Select(d => d.Name));
        }
        catch (LinuxException)
        {
            return "none (no RDMA in this kernel)";
        }
    }

    private static CniInvocation Invocation(LabPodState pod, LabAttachmentState attachment) =>
        new(attachment.ContainerId, NetworkNamespace.PathOf(pod.NetworkNamespace), attachment.InterfaceName, pod.PodNamespace, pod.Name, pod.Uid);

    private List<LabPing> Ping(LabState state)
    {
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
                    _progress($"ping {from.Name} -> {to.Name} ({ip}): {(outcome.ExitCode == 0 ? "ok" : "FAILED")}");
                }
            }
        }

        return pings;
    }

    private static async Task CountAllocationsAsync(string storeUri, LabDownReport report, CancellationToken cancellationToken)
    {
        try
        {
            IStateStore store = StateStoreFactory.Open(storeUri);
            await using (store.ConfigureAwait(false))
            {
                int count = 0;
                foreach (string pool in await store.ListPoolsAsync(cancellationToken).ConfigureAwait(false))
                {
                    PoolAllocations allocations = await store.ReadPoolAsync(pool, cancellationToken).ConfigureAwait(false);
                    count += allocations.Records.Count;
                    report.RemainingAllocationDetails.AddRange(allocations.Records.Select(r => $"{pool}:{r.Key} ({r.Value.Owner.PodReference})"));
                }

                report.RemainingAllocations = count;
            }
        }
        catch (DraglineException ex)
        {
            report.Problems.Add($"cannot read the store {storeUri}: {ex.Message}");
        }
    }

    private static void Save(LabState state)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the lab runs on Linux only");
        }

        string file = StateFile(state.StateDirectory);
        string temporary = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, state, LabJsonContext.Default.LabState);
        }

        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, file, overwrite: true);
    }
}
