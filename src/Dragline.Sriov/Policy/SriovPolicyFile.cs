using Dragline.Api.Model.Sriov;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Linux.Discovery;
using Dragline.Sriov.Plan;
using Dragline.Sriov.State;

namespace Dragline.Sriov.Policy;

/// <summary>
/// The SriovNetworkNodePolicies of a manifest file, with the host they are planned against (a root) and the
/// node's name and labels. Read by <c>dragline policy plan|apply</c> and by the agent's <c>--sriov-policies</c>.
/// </summary>
public sealed class SriovPolicyFile
{
    private INetDeviceAltNameSource? _liveAltNames; // one link dump per reader: plan and apply share it

    private SriovPolicyFile(string path, HostRoot root, IReadOnlyList<SriovNetworkNodePolicy> policies, IReadOnlyDictionary<string, string> labels, string nodeName)
    {
        Path = path;
        Root = root;
        Policies = policies;
        NodeLabels = labels;
        NodeName = nodeName;
    }

    /// <summary>The file read, or <c>-</c> for standard input.</summary>
    public string Path { get; }

    public HostRoot Root { get; }

    public IReadOnlyList<SriovNetworkNodePolicy> Policies { get; }

    public IReadOnlyDictionary<string, string> NodeLabels { get; }

    public string NodeName { get; }

    /// <summary>
    /// Reads the policies of <paramref name="file"/> (<c>-</c>: <paramref name="standardInput"/>); other kinds are
    /// ignored. <paramref name="nodeLabels"/> (<c>KEY=VALUE,...</c>) defaults to the well-known labels of
    /// <paramref name="nodeName"/>, which defaults to this machine's name.
    /// </summary>
    /// <exception cref="SriovPolicyFileException">The root, the file or the labels cannot be used.</exception>
    public static SriovPolicyFile Read(string file, string rootPath, string? nodeLabels = null, string? nodeName = null, TextReader? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(rootPath);
        HostRoot root;
        try
        {
            root = new HostRoot(rootPath);
        }
        catch (DraglineException e)
        {
            throw new SriovPolicyFileException(e.Reason, e.Message, innerException: e);
        }

        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = file == "-"
                ? ManifestReader.Default.ReadText(standardInput ?? TextReader.Null, "-")
                : ManifestReader.Default.ReadFile(file);
        }
        catch (ManifestSyntaxException e)
        {
            throw new SriovPolicyFileException(e.Reason, e.Message, innerException: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SriovPolicyFileException(DraglineErrorReason.NotFound,
                $"cannot read '{file}': {e.Message}: give a YAML or JSON file that holds SriovNetworkNodePolicy objects, or - for standard input.", innerException: e);
        }

        var policies = new List<SriovNetworkNodePolicy>();
        var problems = new List<string>();
        foreach (ManifestDocument document in documents)
        {
            bool isPolicy = document.Object.Kind == "SriovNetworkNodePolicy" && document.Object.ApiVersion == SriovApi.ApiVersion;
            if (!isPolicy)
            {
                continue;
            }

            if (document.DecodeError is { } decode)
            {
                problems.Add($"error: {document.Object.DisplayName}: {decode.Path}: {decode.Message} ({document.Source})");
                continue;
            }

            bool unknown = false;
            foreach (UnknownField field in document.UnknownFields)
            {
                problems.Add($"error: {document.Object.DisplayName}: {field.Path}: unknown field \"{field.Path}\" ({document.Source})");
                unknown = true;
            }

            if (!unknown && document.Object is SriovNetworkNodePolicy policy)
            {
                policies.Add(policy);
            }
        }

        if (problems.Count > 0)
        {
            throw new SriovPolicyFileException(DraglineErrorReason.Malformed, $"fix the policies above in '{file}'; nothing was planned", problems);
        }

        if (policies.Count == 0)
        {
            string kinds = documents.Count == 0 ? "no objects" : string.Join(", ", documents.Select(d => d.Object.Kind).Distinct());
            throw new SriovPolicyFileException(DraglineErrorReason.NotFound,
                $"'{file}' has no SriovNetworkNodePolicy (it has {kinds}): give a file with at least one object of apiVersion {SriovApi.ApiVersion}, kind SriovNetworkNodePolicy.");
        }

        string node = string.IsNullOrEmpty(nodeName) ? Environment.MachineName : nodeName;
        IReadOnlyDictionary<string, string> labels;
        try
        {
            labels = nodeLabels is null ? SriovNodeLabels.Default(node) : SriovNodeLabels.Parse(nodeLabels);
        }
        catch (DraglineException e)
        {
            throw new SriovPolicyFileException(e.Reason, $"--node-labels: {e.Message}", innerException: e);
        }

        return new SriovPolicyFile(file, root, policies, labels, node);
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
