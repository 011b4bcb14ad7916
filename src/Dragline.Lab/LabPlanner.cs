using System.Globalization;
using System.Text.Json.Nodes;
using Dragline.Api.Model;
using Dragline.Api.Model.Spiderpool;
using Dragline.Api.Multus;
using Dragline.Api.Rendering;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;

namespace Dragline.Lab;

/// <summary>
/// The first phase of <c>lab up</c>, and a pure one: from the manifests to the <see cref="LabState"/> to build (nodes,
/// pods, and each attachment's CNI configuration list rendered for its node), touching nothing on the host, so the
/// preflight can judge the plan before anything exists.
/// </summary>
public static class LabPlanner
{
    private const string DefaultNetworkAnnotation = "v1.multus-cni.io/default-network";
    private const string NetworksAnnotation = "k8s.v1.cni.cncf.io/networks";

    public static void ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length is < 2 or > 8 || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new LabException($"lab prefix '{prefix}' must be 2 to 8 characters of a-z, 0-9 and '-'");
        }
    }

    /// <summary>The manifests, checked: an error in any of them stops the lab before it starts.</summary>
    public static List<ManifestDocument> ReadManifests(IReadOnlyList<string> paths)
    {
        List<ManifestDocument> documents = LabManifests.Read(paths);
        List<ValidationProblem> errors = ManifestValidator.Validate(documents).Where(p => p.Severity == ValidationSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new LabException($"the manifests have {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }

        return documents;
    }

    /// <summary>The lab to build from <paramref name="documents"/>; the state directory is <paramref name="stateDirectory"/> (a full path).</summary>
    public static LabState Plan(LabOptions options, List<ManifestDocument> documents, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(documents);
        var pools = documents.Select(d => d.Object).OfType<SpiderIPPool>().ToList();
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

        var networks = documents.Select(d => d.Object).OfType<SpiderMultusConfig>().ToList();
        var renderer = new NetworkAttachmentRenderer(PluginNames.Dragline);
        state.Pods.AddRange(PlanPods(documents, state, networks, renderer));
        return state;
    }

    private static List<LabPodState> PlanPods(List<ManifestDocument> documents, LabState state, List<SpiderMultusConfig> networks, NetworkAttachmentRenderer renderer)
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
                    pods.Add(NewPod(state, name, ns, node, TemplateAnnotations(document.Json), networks, renderer));
                }
            }
            else if (obj.Kind == "Pod")
            {
                string? nodeName = document.Json["spec"]?["nodeName"]?.GetValue<string>();
                if (nodeName is not null && !state.Nodes.Exists(n => n.Name == nodeName))
                {
                    throw new LabException($"pod {ns}/{obj.Metadata.Name} has nodeName '{nodeName}'; the lab's nodes are {string.Join(", ", state.Nodes.Select(n => n.Name))}");
                }

                LabNodeState node = nodeName is null ? state.Nodes[next++ % state.Nodes.Count] : state.Nodes.Single(n => n.Name == nodeName);
                pods.Add(NewPod(state, obj.Metadata.Name ?? "", ns, node, obj.Metadata.Annotations ?? [], networks, renderer));
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

    private static LabPodState NewPod(LabState state, string name, string ns, LabNodeState node, Dictionary<string, string> annotations, List<SpiderMultusConfig> networks, NetworkAttachmentRenderer renderer)
    {
        var pod = new LabPodState
        {
            Name = name,
            PodNamespace = ns,
            Uid = Guid.NewGuid().ToString(),
            Node = node.Name,
            NetworkNamespace = state.Prefix + name,
        };
        var wanted = new List<(string Network, string Interface)>();
        if (annotations.TryGetValue(DefaultNetworkAnnotation, out string? defaultNetwork) && defaultNetwork.Length > 0)
        {
            wanted.Add((Qualify(defaultNetwork.Trim(), ns), "eth0"));
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
                wanted.Add((Qualify(network, ns), ifName));
                index++;
            }
        }

        if (wanted.Count == 0)
        {
            throw new LabException($"pod {ns}/{name} names no network: give it the annotation {DefaultNetworkAnnotation} or {NetworksAnnotation}");
        }

        foreach ((string network, string ifName) in wanted)
        {
            SpiderMultusConfig smc = networks.Find(n => $"{n.Metadata.Namespace ?? "default"}/{n.Metadata.Name}" == network)
                ?? throw new LabException($"pod {ns}/{name} asks for network {network}, which no SpiderMultusConfig in the manifests defines");
            pod.Attachments.Add(new LabAttachmentState
            {
                Network = network,
                InterfaceName = ifName,
                ContainerId = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                ConfigList = RenderForNode(renderer, smc, node),
            });
        }

        // the annotations travel with the stored Pod object so the agent sees ipam.spidernet.io/* there
        pod.Annotations = annotations;
        return pod;
    }

    private static string Qualify(string network, string podNamespace) => network.Contains('/', StringComparison.Ordinal) ? network : podNamespace + "/" + network;

    /// <summary>The network's rendered list with <c>dragline-ipam</c> pointed at the node's own agent socket.</summary>
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
}
