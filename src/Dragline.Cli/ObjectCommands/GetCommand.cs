using System.CommandLine;
using System.Text.Json.Nodes;
using Dragline.Api.Model;
using Dragline.Api.Printing;
using Dragline.Api.Serialization;
using Dragline.Core;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;

namespace Dragline.Cli.ObjectCommands;

/// <summary>
/// <c>dragline get KIND [NAME] [-o yaml|json|wide] --store URI</c>: kubectl's table (the CRDs' printer columns;
/// pools count ALLOCATED-IP-COUNT from the store's records) or the objects as YAML/JSON.
/// </summary>
public static class GetCommand
{
    private const string Description =
        """
        Show objects of the standalone store as kubectl would. KIND takes kubectl's names: spiderippool, spiderippools, sp, ippool, ...
        Pools show ALLOCATED-IP-COUNT and TOTAL-IP-COUNT from the allocations in the store.

        Examples:
          dragline get sp --store sqlite:/var/lib/dragline/ipam.db
          dragline get ippool pool-a -o yaml --store sqlite:/var/lib/dragline/ipam.db
        """;

    public static Command Build()
    {
        var kind = new Argument<string>("KIND") { Description = "The kind: its name, plural or short name (sp, ippool, spidermultusconfig, ns, pod, ...)." };
        var name = new Argument<string?>("NAME") { Description = "One object; all when left out.", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string?>("--output", "-o") { Description = "yaml, json or wide (more columns); a table when left out." };
        format.AcceptOnlyFromAmong("yaml", "json", "wide");
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of namespaced kinds (default: default)." };
        var all = new Option<bool>("--all-namespaces", "-A") { Description = "Namespaced kinds: every namespace." };
        Option<string> store = StoreOption.Create();
        var command = new Command("get", Description);
        command.Arguments.Add(kind);
        command.Arguments.Add(name);
        command.Options.Add(format);
        command.Options.Add(ns);
        command.Options.Add(all);
        command.Options.Add(store);
        command.SetAction(parseResult => RunAsync(
            parseResult.GetValue(kind)!,
            parseResult.GetValue(name),
            parseResult.GetValue(format),
            parseResult.GetValue(ns),
            parseResult.GetValue(all),
            parseResult.GetValue(store)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error).GetAwaiter().GetResult());
        return command;
    }

    public static async Task<int> RunAsync(string kindName, string? name, string? format, string? @namespace, bool allNamespaces, string storeUri, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ObjectKind kind;
        try
        {
            kind = ObjectKinds.Resolve(kindName);
        }
        catch (DraglineException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }

        IStateStore? store = StoreOption.Open(storeUri, "get", error);
        if (store is null)
        {
            return 1;
        }

        await using (store.ConfigureAwait(false))
        {
            string? ns = allNamespaces && name is null ? null : (string.IsNullOrEmpty(@namespace) ? "default" : @namespace);
            IReadOnlyList<KubeObject> objects;
            try
            {
                objects = await new StoredObjects(store, store).GetAsync(kind, name, ns).ConfigureAwait(false);
            }
            catch (DraglineException ex) when (ex.Reason == DraglineErrorReason.NotFound)
            {
                error.WriteLine($"Error from server (NotFound): {ex.Message}");
                return 1;
            }
            catch (DraglineException ex)
            {
                error.WriteLine($"dragline get: {ex.Message}");
                return 1;
            }

            switch (format)
            {
                case "yaml":
                    if (name is not null)
                    {
                        output.Write(ManifestWriter.Default.ToYaml(objects[0]));
                    }
                    else
                    {
                        ManifestWriter.WriteYamlNodes(output, [AsList(objects)]);
                    }

                    return 0;
                case "json":
                    output.Write(name is not null ? ManifestWriter.Default.ToJson(objects[0]) : AsList(objects).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, IndentSize = 4 }) + "\n");
                    return 0;
            }

            if (objects.Count == 0)
            {
                error.WriteLine(kind.Namespaced && ns is not null ? $"No resources found in {ns} namespace." : "No resources found");
                return 0;
            }

            PrinterTable table = PrinterColumns.Table(objects, format == "wide", DateTimeOffset.UtcNow);
            if (kind.Namespaced && ns is null)
            {
                table = new PrinterTable(
                    ["NAMESPACE", .. table.Headers],
                    [.. table.Rows.Select((row, i) => (IReadOnlyList<string>)[objects[i].Metadata.Namespace ?? "", .. row])]);
            }

            output.Write(table.Format());
            return 0;
        }
    }

    private static JsonObject AsList(IReadOnlyList<KubeObject> objects) => new()
    {
        ["apiVersion"] = "v1",
        ["items"] = new JsonArray([.. objects.Select(o => (JsonNode)ManifestWriter.Default.ToJsonNode(o))]),
        ["kind"] = "List",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
    };
}
