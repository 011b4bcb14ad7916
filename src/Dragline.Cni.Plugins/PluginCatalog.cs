using System.Text.Json;
using Dragline.Cni.Plugins.Ipam;

namespace Dragline.Cni.Plugins;

/// <summary>The plugins of the multi-call binary, by the name they are installed under.</summary>
public static class PluginCatalog
{
    public const string MultiCallName = "dragline-cni";

    /// <summary>Every plugin name this build serves: <see cref="ShippedPlugins.Names"/>, which tests check against <see cref="Create"/> and build.sh.</summary>
    public static IReadOnlyList<string> Names => ShippedPlugins.Names;

    public static ICniPlugin? Create(string name) => name switch
    {
        DraglineIpamPlugin.PluginName => new DraglineIpamPlugin(),
        _ => null,
    };

    /// <summary>
    /// argv[0] as the process was started (the symlink's name), not the resolved executable path.
    /// </summary>
    public static string InvokedName()
    {
        string[] argv = Environment.GetCommandLineArgs();
        return argv.Length > 0 && !string.IsNullOrEmpty(argv[0]) ? argv[0] : MultiCallName;
    }

    /// <summary>Reports a name that is no plugin, as CNI error JSON (code 7: the network's type is wrong).</summary>
    public static async Task<int> WriteUnknownPluginAsync(string name, Stream stdout)
    {
        var error = new CniErrorResult
        {
            CniVersion = CniVersion.Latest.ToString(),
            Code = (int)CniErrorCode.InvalidNetworkConfig,
            Msg = $"\"{name}\" is not a plugin of {MultiCallName}; install it under one of these names (a symlink to {MultiCallName}): {string.Join(", ", Names)}",
        };
        await stdout.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(error, CniJsonContext.Output.CniErrorResult)).ConfigureAwait(false);
        await stdout.WriteAsync("\n"u8.ToArray()).ConfigureAwait(false);
        return 1;
    }
}
