using System.CommandLine;
using Dragline.Core;
using Dragline.Ipam.Objects;
using Dragline.Ipam.Store;

namespace Dragline.Cli.ObjectCommands;

/// <summary><c>dragline delete KIND NAME --store URI</c>; a pool that still has allocated addresses is refused.</summary>
public static class DeleteCommand
{
    private const string Description =
        """
        Delete an object of the standalone store. A SpiderIPPool with allocated addresses is refused, as Spiderpool's webhook refuses it.

        Example:
          dragline delete ippool pool-a --store sqlite:/var/lib/dragline/ipam.db
        """;

    public static Command Build()
    {
        var kind = new Argument<string>("KIND") { Description = "The kind: its name, plural or short name." };
        var name = new Argument<string>("NAME") { Description = "The object's name." };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Namespace of a namespaced kind (default: default)." };
        Option<string> store = StoreOption.Create();
        var command = new Command("delete", Description);
        command.Arguments.Add(kind);
        command.Arguments.Add(name);
        command.Options.Add(ns);
        command.Options.Add(store);
        command.SetAction(parseResult => RunAsync(
            parseResult.GetValue(kind)!,
            parseResult.GetValue(name)!,
            parseResult.GetValue(ns),
            parseResult.GetValue(store)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error).GetAwaiter().GetResult());
        return command;
    }

    public static async Task<int> RunAsync(string kindName, string name, string? @namespace, string storeUri, TextWriter output, TextWriter error)
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

        IStateStore? store = StoreOption.Open(storeUri, "delete", error);
        if (store is null)
        {
            return 1;
        }

        await using (store.ConfigureAwait(false))
        {
            try
            {
                output.WriteLine(await new StoredObjects(store, store).DeleteAsync(kind, name, @namespace).ConfigureAwait(false));
                return 0;
            }
            catch (DraglineException ex) when (ex.Reason == DraglineErrorReason.NotFound)
            {
                error.WriteLine($"Error from server (NotFound): {ex.Message}");
                return 1;
            }
            catch (DraglineException ex) when (ex.Reason == DraglineErrorReason.Conflict)
            {
                error.WriteLine($"Error from server (Forbidden): {ex.Message}");
                return 1;
            }
            catch (DraglineException ex)
            {
                error.WriteLine($"dragline delete: {ex.Message}");
                return 1;
            }
        }
    }
}
