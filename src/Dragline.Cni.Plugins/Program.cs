using Dragline.Cni;
using Dragline.Cni.Plugins;

// One binary, many plugins: the name it was run as (argv[0], a symlink in /opt/cni/bin) picks the
// plugin; "dragline-cni <plugin>" does the same by argument, for trying it by hand.
string invokedAs = Path.GetFileName(PluginCatalog.InvokedName());
string pluginName = invokedAs == PluginCatalog.MultiCallName && args.Length > 0 ? args[0] : invokedAs;

using Stream stdin = Console.OpenStandardInput();
using Stream stdout = Console.OpenStandardOutput();
ICniPlugin? plugin = PluginCatalog.Create(pluginName);
if (plugin is null)
{
    return await PluginCatalog.WriteUnknownPluginAsync(pluginName, stdout).ConfigureAwait(false);
}

var main = new CniPluginMain(plugin) { Diagnostics = Console.Error };
return await main.RunAsync(Environment.GetEnvironmentVariable, stdin, stdout, CancellationToken.None).ConfigureAwait(false);
