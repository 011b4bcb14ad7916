using System.CommandLine;
using System.Text.Json;
using Dragline.Api.Model;
using Dragline.Api.Multus;
using Dragline.Api.Rendering;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using Dragline.Cni;
using Dragline.Core;

namespace Dragline.Cli;

/// <summary>
/// <c>dragline render -f FILE|-</c>: reads manifests, defaults and validates them as the webhooks would, and
/// prints the NetworkAttachmentDefinition each SpiderMultusConfig becomes (multi-document YAML), or with
/// <c>--cni-conflist</c> each network's CNI configuration as a runtime reads it from <c>/etc/cni/net.d</c>.
/// Problems go to standard error; any error means nothing is rendered and the exit code is 1. A rendered network
/// that names a <c>dragline-*</c> plugin this build does not ship (<see cref="ShippedPlugins"/>) gets a warning:
/// the output is still right for the design, but a node installed from this build could not run it.
/// </summary>
public static class RenderCommand
{
    private const string Description =
        """
        Render SpiderMultusConfigs into the Multus NetworkAttachmentDefinitions a cluster would get, offline.
        Every object is defaulted and validated first (as 'dragline validate' does); warnings go to standard error,
        and any error stops the render with exit code 1. Objects of other kinds are checked and otherwise ignored.

        Examples:
          dragline render -f examples/seed/ib-sriov.yaml
          dragline render -f networks.yaml --cni-conflist
          kubectl get smc -A -o yaml | dragline render -f - --plugin-names upstream
          dragline render -f net.yaml --plugin ipam=spiderpool --plugin coordinator=coordinator
        """;

    /// <summary>Builds the command. <paramref name="standardInput"/> replaces the console's input for <c>-f -</c> (tests).</summary>
    public static Command Build(TextReader? standardInput = null)
    {
        var files = new Option<string[]>("--file", "-f")
        {
            Description = "Manifest file, directory (its *.yaml, *.yml, *.json files) or '-' for standard input; repeatable.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var conflist = new Option<bool>("--cni-conflist")
        {
            Description = "Print each network's CNI configuration (pretty JSON, after a '# <file name>' line) instead of the NetworkAttachmentDefinitions.",
        };
        var preset = new Option<string>("--plugin-names")
        {
            Description = "Plugin type names to write: 'dragline' (dragline-ipam, dragline-coordinator, dragline-ifacer, dragline-sriov, dragline-ib-sriov, dragline-rdma) or 'upstream' (spiderpool, coordinator, ifacer, sriov, ib-sriov, rdma).",
            DefaultValueFactory = _ => "dragline",
        };
        var plugins = new Option<string[]>("--plugin")
        {
            Description = $"Override one plugin type name, ROLE=TYPE; repeatable. Roles: {string.Join(", ", PluginNames.Roles)}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("render", Description);
        command.Options.Add(files);
        command.Options.Add(conflist);
        command.Options.Add(preset);
        command.Options.Add(plugins);
        command.SetAction(parseResult => Run(
            parseResult.GetValue(files) ?? [],
            parseResult.GetValue(conflist),
            parseResult.GetValue(preset) ?? "dragline",
            parseResult.GetValue(plugins) ?? [],
            standardInput ?? Console.In,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the render; returns the exit code.</summary>
    public static int Run(
        IReadOnlyList<string> paths,
        bool cniConflist,
        string pluginPreset,
        IReadOnlyList<string> pluginOverrides,
        TextReader standardInput,
        TextWriter output,
        TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(pluginOverrides);
        ArgumentNullException.ThrowIfNull(standardInput);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        PluginNames? names = ResolvePluginNames(pluginPreset, pluginOverrides, error);
        if (names is null)
        {
            return 1;
        }

        var documents = new List<ManifestDocument>();
        try
        {
            foreach (string path in paths)
            {
                foreach (string file in Expand(path))
                {
                    documents.AddRange(file == "-"
                        ? ManifestReader.Default.ReadText(standardInput, "-")
                        : ManifestReader.Default.ReadFile(file));
                }
            }
        }
        catch (ManifestSyntaxException ex)
        {
            error.WriteLine($"dragline render: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dragline render: cannot read manifests: {ex.Message}");
            return 1;
        }

        IReadOnlyList<ValidationProblem> problems = ManifestValidator.Validate(documents);
        foreach (ValidationProblem problem in problems)
        {
            error.WriteLine(problem.ToString());
        }

        int errors = problems.Count(p => p.Severity == ValidationSeverity.Error);
        if (errors > 0)
        {
            error.WriteLine($"dragline render: {errors} error(s); nothing rendered");
            return 1;
        }

        List<SpiderMultusConfig> configs = documents.Select(d => d.Object).OfType<SpiderMultusConfig>().ToList();
        if (configs.Count == 0)
        {
            error.WriteLine($"dragline render: no SpiderMultusConfig among {documents.Count} object(s); nothing to render");
            return 1;
        }

        var renderer = new NetworkAttachmentRenderer(names);
        var networks = new List<NetworkAttachmentDefinition>();
        try
        {
            networks.AddRange(configs.Select(renderer.Render));
        }
        catch (DraglineException ex)
        {
            error.WriteLine($"dragline render: {ex.Message}");
            return 1;
        }

        WarnUnshippedPlugins(networks, error);
        if (cniConflist)
        {
            for (int i = 0; i < networks.Count; i++)
            {
                if (i > 0)
                {
                    output.WriteLine();
                }

                output.Write(CniConfigListFormatter.Format(networks[i]));
            }
        }
        else
        {
            ManifestWriter.Default.WriteYaml(output, networks.Cast<KubeObject>());
        }

        return 0;
    }

    /// <summary>One warning line per <c>dragline-*</c> plugin type the rendered networks name that this build does not ship.</summary>
    private static void WarnUnshippedPlugins(List<NetworkAttachmentDefinition> networks, TextWriter error)
    {
        var users = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (NetworkAttachmentDefinition network in networks)
        {
            if (string.IsNullOrEmpty(network.Spec.Config))
            {
                continue;
            }

            using JsonDocument config = JsonDocument.Parse(network.Spec.Config);
            foreach (string type in PluginTypes(config.RootElement).Where(ShippedPlugins.IsMissingDraglinePlugin).Distinct(StringComparer.Ordinal))
            {
                if (!users.TryGetValue(type, out List<string>? names))
                {
                    users[type] = names = [];
                }

                names.Add(network.DisplayName);
            }
        }

        foreach ((string type, List<string> names) in users)
        {
            string status = ShippedPlugins.Planned.Contains(type, StringComparer.Ordinal)
                ? "is planned but not built yet"
                : "is not a Dragline plugin";
            error.WriteLine($"warning: CNI plugin {type} {status}: this build ships only {string.Join(", ", ShippedPlugins.Names)}, "
                + $"so nodes installed from it cannot run {string.Join(", ", names)}; "
                + "use --plugin-names upstream or --plugin ROLE=TYPE to name plugins the nodes have");
        }
    }

    /// <summary>Every "type" in a CNI configuration: the plugin's, each chained plugin's, and each nested one (ipam).</summary>
    private static IEnumerable<string> PluginTypes(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in element.EnumerateArray())
            {
                foreach (string type in PluginTypes(item))
                {
                    yield return type;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.Name == "type" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return property.Value.GetString()!;
                }
                else
                {
                    foreach (string type in PluginTypes(property.Value))
                    {
                        yield return type;
                    }
                }
            }
        }
    }

    private static PluginNames? ResolvePluginNames(string preset, IReadOnlyList<string> overrides, TextWriter error)
    {
        PluginNames? names = PluginNames.FromPreset(preset);
        if (names is null)
        {
            error.WriteLine($"dragline render: unknown --plugin-names '{preset}': use one of {string.Join(", ", PluginNames.PresetNames)}");
            return null;
        }

        foreach (string item in overrides)
        {
            int equals = item.IndexOf('=', StringComparison.Ordinal);
            string role = equals > 0 ? item[..equals] : "";
            string type = equals > 0 ? item[(equals + 1)..] : "";
            PluginNames? changed = type.Length == 0 ? null : names.With(role, type);
            if (changed is null)
            {
                error.WriteLine($"dragline render: bad --plugin '{item}': write ROLE=TYPE with ROLE one of {string.Join(", ", PluginNames.Roles)}, e.g. ipam=spiderpool");
                return null;
            }

            names = changed;
        }

        return names;
    }

    private static IEnumerable<string> Expand(string path)
    {
        if (path == "-" || !Directory.Exists(path))
        {
            return [path];
        }

        return Directory.EnumerateFiles(path)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }
}
