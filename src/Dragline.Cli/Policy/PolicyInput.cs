using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.Cli.Policy;

/// <summary>What <c>dragline policy</c> reads: the policies of a file, the host under a root, the node's labels.</summary>
public sealed class PolicyInput
{
    private PolicyInput(HostRoot root, IReadOnlyList<SriovNetworkNodePolicy> policies, IReadOnlyDictionary<string, string> labels, string nodeName)
    {
        Root = root;
        Policies = policies;
        NodeLabels = labels;
        NodeName = nodeName;
    }

    private INetDeviceAltNameSource? _liveAltNames; // one link dump per command: plan and apply share it

    public HostRoot Root { get; }

    public IReadOnlyList<SriovNetworkNodePolicy> Policies { get; }

    public IReadOnlyDictionary<string, string> NodeLabels { get; }

    public string NodeName { get; }

    /// <summary>Reads everything; on bad input writes the reason to <paramref name="error"/> and returns null.</summary>
    public static PolicyInput? Read(string command, string file, string rootPath, string? nodeLabels, string? nodeName, TextReader standardInput, TextWriter error)
    {
        HostRoot root;
        try
        {
            root = new HostRoot(rootPath);
        }
        catch (DraglineException e)
        {
            error.WriteLine($"dragline policy {command}: {e.Message}");
            return null;
        }

        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = file == "-"
                ? ManifestReader.Default.ReadString(standardInput.ReadToEnd(), "-")
                : ManifestReader.Default.ReadFile(file);
        }
        catch (ManifestSyntaxException e)
        {
            error.WriteLine($"dragline policy {command}: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dragline policy {command}: cannot read '{file}': {e.Message}: give a YAML or JSON file that holds SriovNetworkNodePolicy objects, or - for standard input.");
            return null;
        }

        var policies = new List<SriovNetworkNodePolicy>();
        bool broken = false;
        foreach (ManifestDocument document in documents)
        {
            bool isPolicy = document.Object.Kind == "SriovNetworkNodePolicy" && document.Object.ApiVersion == Api.Model.Sriov.SriovApi.ApiVersion;
            if (!isPolicy)
            {
                continue;
            }

            if (document.DecodeError is { } decode)
            {
                error.WriteLine($"error: {document.Object.DisplayName}: {decode.Path}: {decode.Message} ({document.Source})");
                broken = true;
                continue;
            }

            foreach (UnknownField field in document.UnknownFields)
            {
                error.WriteLine($"error: {document.Object.DisplayName}: {field.Path}: unknown field \"{field.Path}\" ({document.Source})");
                broken = true;
            }

            if (document.Object is SriovNetworkNodePolicy policy)
            {
                policies.Add(policy);
            }
        }

        if (broken)
        {
            error.WriteLine($"dragline policy {command}: fix the policies above in '{file}'; nothing was planned");
            return null;
        }

        if (policies.Count == 0)
        {
            string kinds = documents.Count == 0 ? "no objects" : string.Join(", ", documents.Select(d => d.Object.Kind).Distinct());
            error.WriteLine($"dragline policy {command}: '{file}' has no SriovNetworkNodePolicy (it has {kinds}): give a file with at least one object of apiVersion {Api.Model.Sriov.SriovApi.ApiVersion}, kind SriovNetworkNodePolicy.");
            return null;
        }

        string node = string.IsNullOrEmpty(nodeName) ? Environment.MachineName : nodeName;
        IReadOnlyDictionary<string, string> labels;
        try
        {
            labels = nodeLabels is null ? SriovNodeLabels.Default(node) : SriovNodeLabels.Parse(nodeLabels);
        }
        catch (DraglineException e)
        {
            error.WriteLine($"dragline policy {command}: --node-labels: {e.Message}");
            return null;
        }

        return new PolicyInput(root, policies, labels, node);
    }

    /// <summary>
    /// A pfName may be an altname, which only netlink knows: read them when the root is this host's own
    /// (<c>/</c>); a fixture root has no live links.
    /// </summary>
    public INetDeviceAltNameSource? LiveAltNames() =>
        Root.Path == "/" && OperatingSystem.IsLinux() ? _liveAltNames ??= NetlinkAltNameSource.Snapshot() : null;

    /// <summary>Discovers the host and plans the policies for it.</summary>
    public SriovNodePlan Plan(INetDeviceAltNameSource? altNames = null)
    {
        HostInventory inventory = new HostDiscovery(Root, altNames ?? LiveAltNames()).Discover();
        return new SriovPolicyPlanner().Plan(Policies, NodeLabels, SriovNodeStatusBuilder.Build(inventory), NodeName);
    }
}
