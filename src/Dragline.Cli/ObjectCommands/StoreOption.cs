using System.CommandLine;
using Dragline.Core;
using Dragline.Ipam.Store;
using Dragline.Ipam.Stores;

namespace Dragline.Cli.ObjectCommands;

/// <summary>The <c>--store URI</c> option the object commands and the agent share, and opening what it names.</summary>
public static class StoreOption
{
    public const string Help = "The state store: sqlite:/path/to/file.db (one host) or etcd://host1:2379,host2:2379[/prefix] (several hosts; etcds://...?cacert=FILE&cert=FILE&key=FILE for TLS).";

    public static Option<string> Create() => new("--store")
    {
        Description = Help,
        Required = true,
    };

    /// <summary>Opens the store, or writes why not to <paramref name="error"/> and returns null.</summary>
    public static IStateStore? Open(string value, string command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return StateStoreFactory.Open(value);
        }
        catch (DraglineException ex)
        {
            error.WriteLine($"dragline {command}: {ex.Message}");
            return null;
        }
    }
}
