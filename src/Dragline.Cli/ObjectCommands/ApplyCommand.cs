using System.CommandLine;
using Dragline.Api.Serialization;
using Dragline.Api.Validation;
using Dragline.Core;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;

namespace Dragline.Cli.ObjectCommands;

/// <summary>
/// <c>dragline apply -f FILE --store URI</c>: validates manifests as the admission webhooks would (against the
/// objects already in the store) and writes them all, or none when any is rejected (exit 1, one line per problem).
/// Objects of kinds the store does not keep (the Deployments and DaemonSets that share a file with the networks)
/// are skipped with one warning, as <c>dragline validate</c> ignores them; <c>--strict</c> refuses them instead.
/// </summary>
public static class ApplyCommand
{
    private const string Description =
        """
        Create or update objects in the standalone store from manifests (YAML or JSON, '---' separated, or a List).
        Stores SpiderIPPool, SpiderReservedIP, SpiderSubnet, SpiderMultusConfig, SpiderCoordinator, SR-IOV policies,
        and Namespaces, Pods and Nodes (their labels and annotations drive pool selection in standalone mode).
        Every object is defaulted and validated first; if any has an error nothing is written and the exit code is 1.
        Objects of other kinds (Deployments, DaemonSets, ...) are skipped with one warning; --strict refuses them.

        Examples:
          dragline apply -f pools.yaml --store sqlite:/var/lib/dragline/ipam.db
          dragline apply -f - --store etcd://10.0.0.1:2379,10.0.0.2:2379 < pools.yaml
        """;

    public static Command Build(TextReader? standardInput = null)
    {
        var files = new Option<string[]>("--filename", "-f")
        {
            Description = "Manifest file, directory (its *.yaml, *.yml, *.json files) or '-' for standard input; repeatable.",
            Required = true,
        };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of namespaced objects that name none (default: default)." };
        var strict = new Option<bool>("--strict")
        {
            Description = "Refuse the whole input (exit 1, nothing written) when it holds an object of a kind the store does not keep, instead of skipping it.",
        };
        Option<string> store = StoreOption.Create();
        var command = new Command("apply", Description);
        command.Options.Add(files);
        command.Options.Add(ns);
        command.Options.Add(strict);
        command.Options.Add(store);
        command.SetAction(parseResult => RunAsync(
            parseResult.GetValue(files) ?? [],
            parseResult.GetValue(ns),
            parseResult.GetValue(store)!,
            standardInput ?? Console.In,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            parseResult.GetValue(strict)).GetAwaiter().GetResult());
        return command;
    }

    /// <summary>
    /// Applies the objects of <paramref name="paths"/> (or standard input for -) to the store <paramref name="storeUri"/> and
    /// returns the exit code. With <paramref name="strict"/>, objects of kinds the store does not keep refuse the whole input
    /// instead of being skipped with a warning.
    /// </summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> paths, string? @namespace, string storeUri, TextReader standardInput, TextWriter output, TextWriter error, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(standardInput);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
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
            error.WriteLine($"dragline apply: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"dragline apply: cannot read manifests: {ex.Message}");
            return 1;
        }

        if (documents.Count == 0)
        {
            error.WriteLine($"dragline apply: no objects passed to apply (read {string.Join(", ", paths)})");
            return 1;
        }

        if (!strict)
        {
            List<ManifestDocument> skipped = [.. documents.Where(IsNotKept)];
            if (skipped.Count > 0)
            {
                // One line, whatever the count: the seed's own file carries a DaemonSet, and a line per object would bury the result.
                error.WriteLine($"warning: skipped {skipped.Count} object{(skipped.Count == 1 ? "" : "s")} the store does not keep: "
                    + string.Join(", ", skipped.Select(d => d.Object.DisplayName)) + " (use --strict to refuse them)");
                documents.RemoveAll(IsNotKept);
                if (documents.Count == 0)
                {
                    error.WriteLine($"dragline apply: nothing to apply: no object in {string.Join(", ", paths)} is of a kind the store keeps "
                        + $"({string.Join(", ", ObjectKinds.All.Select(k => k.Kind))})");
                    return 1;
                }
            }
        }

        IStateStore? store = StoreOption.Open(storeUri, "apply", error);
        if (store is null)
        {
            return 1;
        }

        await using (store.ConfigureAwait(false))
        {
            ApplyResult result;
            try
            {
                result = await new StoredObjects(store, store).ApplyAsync(documents, @namespace).ConfigureAwait(false);
            }
            catch (DraglineException ex)
            {
                error.WriteLine($"dragline apply: {ex.Message}");
                return 1;
            }

            foreach (ValidationProblem problem in result.Problems)
            {
                error.WriteLine(problem.ToString());
            }

            if (!result.Succeeded)
            {
                int errors = result.Problems.Count(p => p.Severity == ValidationSeverity.Error);
                error.WriteLine($"dragline apply: {errors} error(s); nothing was written");
                return 1;
            }

            foreach (string line in result.Lines)
            {
                output.WriteLine(line);
            }

            return 0;
        }
    }

    /// <summary>A readable object of a kind the store does not hold; objects without apiVersion or kind stay in so validation names them.</summary>
    private static bool IsNotKept(ManifestDocument document) =>
        document.DecodeError is null && ObjectKinds.Find(document.Object.ApiVersion, document.Object.Kind) is null;

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
