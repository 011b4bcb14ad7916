using System.Text.Json.Nodes;
using Dragline.Linux.Namespaces;

namespace Dragline.Lab;

/// <summary>
/// Executes a CNI configuration list the way a runtime does (CNI spec, "Execution of network configuration lists"):
/// each plugin in order for ADD with the previous result as <c>prevResult</c>, in reverse order for DEL; the
/// plugin binary found on <see cref="CniPath"/>; run inside the node's network namespace (where the master lives).
/// </summary>
public sealed class CniPluginRunner
{
    private static readonly TimeSpan PluginTimeout = TimeSpan.FromSeconds(30);

    public CniPluginRunner(IReadOnlyList<string> cniPath)
    {
        ArgumentNullException.ThrowIfNull(cniPath);
        CniPath = cniPath;
    }

    public IReadOnlyList<string> CniPath { get; }

    /// <summary>Our plugins next to the running binary (<c>artifacts/cni</c> for <c>artifacts/bin/dragline</c>), then Debian's <c>/usr/lib/cni</c>.</summary>
    public static IReadOnlyList<string> DefaultCniPath()
    {
        var path = new List<string>();
        string? binary = Environment.ProcessPath;
        string? directory = binary is null ? null : Path.GetDirectoryName(binary);
        if (directory is not null)
        {
            path.Add(Path.GetFullPath(Path.Combine(directory, "..", "cni")));
            path.Add(directory);
        }

        path.Add("/usr/lib/cni");
        path.Add("/opt/cni/bin");
        return path;
    }

    /// <summary>The plugin binary for <paramref name="type"/>, or an error naming the directories searched.</summary>
    public string FindPlugin(string type)
    {
        if (type.Length == 0 || type.Contains('/', StringComparison.Ordinal) || type.StartsWith('.'))
        {
            throw new LabException($"CNI plugin type '{type}' is not a plain file name");
        }

        foreach (string directory in CniPath)
        {
            string candidate = Path.Combine(directory, type);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new LabException($"CNI plugin '{type}' not found in {string.Join(":", CniPath)}; run ./build.sh (our plugins) or install containernetworking-plugins");
    }

    /// <summary>Runs ADD through every plugin; returns the final result JSON.</summary>
    public JsonObject Add(NetworkNamespace node, string configList, CniInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(invocation);
        (JsonObject list, JsonArray plugins) = Parse(configList);
        JsonObject? previous = null;
        foreach (JsonNode? plugin in plugins)
        {
            JsonObject config = PluginConfig(list, plugin, previous);
            string output = Execute(node, "ADD", config, invocation);
            previous = JsonNode.Parse(output) as JsonObject
                ?? throw new LabException($"plugin {config["type"]} returned no JSON object for ADD: {output}");
        }

        return previous ?? throw new LabException($"network {list["name"]} has no plugins");
    }

    /// <summary>Runs DEL through every plugin in reverse order; every plugin is tried, the first error is thrown at the end.</summary>
    public void Delete(NetworkNamespace node, string configList, CniInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(invocation);
        (JsonObject list, JsonArray plugins) = Parse(configList);
        LabException? first = null;
        for (int i = plugins.Count - 1; i >= 0; i--)
        {
            try
            {
                _ = Execute(node, "DEL", PluginConfig(list, plugins[i], null), invocation);
            }
            catch (LabException ex)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    private static (JsonObject List, JsonArray Plugins) Parse(string configList)
    {
        JsonObject list = JsonNode.Parse(configList) as JsonObject ?? throw new LabException("the CNI configuration list is not a JSON object");
        JsonArray plugins = list["plugins"] as JsonArray ?? throw new LabException($"the CNI configuration list {list["name"]} has no plugins array");
        return (list, plugins);
    }

    private static JsonObject PluginConfig(JsonObject list, JsonNode? plugin, JsonObject? previous)
    {
        JsonObject config = plugin?.DeepClone() as JsonObject ?? throw new LabException($"a plugin of {list["name"]} is not a JSON object");
        config["cniVersion"] = list["cniVersion"]?.DeepClone();
        config["name"] = list["name"]?.DeepClone();
        if (previous is not null)
        {
            config["prevResult"] = previous.DeepClone();
        }

        return config;
    }

    private string Execute(NetworkNamespace node, string command, JsonObject config, CniInvocation invocation)
    {
        string type = config["type"]?.GetValue<string>() ?? throw new LabException("a plugin configuration has no type");
        string binary = FindPlugin(type);
        var environment = new Dictionary<string, string>
        {
            ["CNI_COMMAND"] = command,
            ["CNI_CONTAINERID"] = invocation.ContainerId,
            ["CNI_NETNS"] = invocation.NetnsPath,
            ["CNI_IFNAME"] = invocation.InterfaceName,
            ["CNI_ARGS"] = $"IgnoreUnknown=1;K8S_POD_NAMESPACE={invocation.PodNamespace};K8S_POD_NAME={invocation.PodName};K8S_POD_INFRA_CONTAINER_ID={invocation.ContainerId};K8S_POD_UID={invocation.PodUid}",
            ["CNI_PATH"] = string.Join(":", CniPath),
        };
        NamespacedProcess.Outcome outcome = NamespacedProcess.Run(node, binary, [], environment, config.ToJsonString(), PluginTimeout);
        if (outcome.ExitCode != 0)
        {
            string detail = outcome.Output.Trim().Length > 0 ? outcome.Output.Trim() : outcome.Error.Trim();
            throw new LabException($"CNI {command} of {type} for {invocation.PodNamespace}/{invocation.PodName} {invocation.InterfaceName} failed (exit {outcome.ExitCode}): {detail}");
        }

        return outcome.Output;
    }
}
