using Dragline.DevicePlugin.Config;
using Dragline.Linux.Discovery;
using Dragline.Testing.Sysfs;

namespace Dragline.DevicePlugin.IntegrationTests;

/// <summary>
/// One test's world: a writable fixture host, a kubelet folder with a <see cref="TestKubelet"/>, a config
/// file, a device-info folder, and the <see cref="DevicePluginHost"/> under test (timers off unless asked).
/// </summary>
public sealed class PluginScenario : IAsyncDisposable
{
    private readonly TemporaryTree _tree;
    private readonly string _work;

    private PluginScenario(string scenario)
    {
        _tree = SysfsFixtures.Materialise(scenario);
        Root = new HostRoot(_tree.Path);
        _work = Path.GetDirectoryName(_tree.Path)!;
        KubeletDirectory = Path.Combine(_work, "device-plugins");
        DeviceInfoDirectory = Path.Combine(_work, "devinfo");
        ConfigPath = Path.Combine(_work, "config", "device-plugins.json");
        Directory.CreateDirectory(KubeletDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
    }

    public HostRoot Root { get; }

    public string KubeletDirectory { get; }

    public string DeviceInfoDirectory { get; }

    public string ConfigPath { get; }

    public TestKubelet Kubelet { get; private set; } = null!;

    public DevicePluginHost Host { get; private set; } = null!;

    public static async Task<PluginScenario> StartAsync(string scenario, string config, bool timers = false, bool startHost = true)
    {
        var s = new PluginScenario(scenario);
        s.WriteConfig(config);
        s.Kubelet = await TestKubelet.StartAsync(s.KubeletDirectory);
        s.Host = new DevicePluginHost(s.Options(timers), new DevicePluginConfigFile(s.ConfigPath));
        if (startHost)
        {
            await s.Host.StartAsync(TestContext.Current.CancellationToken);
        }

        return s;
    }

    public DevicePluginHostOptions Options(bool timers) => new()
    {
        KubeletDirectory = KubeletDirectory,
        HostRoot = Root,
        DeviceInfoDirectory = DeviceInfoDirectory,
        RescanInterval = timers ? TimeSpan.FromMilliseconds(200) : Timeout.InfiniteTimeSpan,
        KubeletCheckInterval = timers ? TimeSpan.FromMilliseconds(200) : Timeout.InfiniteTimeSpan,
    };

    public void WriteConfig(string json) => File.WriteAllText(ConfigPath, json);

    /// <summary>Writes a one-line attribute under the fixture root.</summary>
    public void WriteHost(string relative, string value) => File.WriteAllText(Root.Combine(relative), value + "\n");

    /// <summary>Acts out a kubelet restart: the kubelet stops, wipes the plugin sockets of its folder, and a new one serves kubelet.sock.</summary>
    public async Task RestartKubeletAsync()
    {
        await Kubelet.DisposeAsync();
        foreach (string socket in Directory.GetFiles(KubeletDirectory))
        {
            File.Delete(socket);
        }

        Kubelet = await TestKubelet.StartAsync(KubeletDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Kubelet.DisposeAsync();
        _tree.Dispose();
    }
}
