using System.Diagnostics;

namespace Dragline.Agent.IntegrationTests;

/// <summary>One CNI plugin invocation as a container runtime makes it: a process with the CNI_* variables and the config on stdin.</summary>
internal static class CniRun
{
    public static async Task<(int Code, string Out, string Err)> InvokeAsync(
        string pluginPath,
        string command,
        string config,
        string containerId,
        string ifName,
        string? netns,
        string cniPath,
        string? cniArgs = null)
    {
        var start = new ProcessStartInfo(pluginPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("CNI_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["CNI_COMMAND"] = command;
        start.Environment["CNI_CONTAINERID"] = containerId;
        start.Environment["CNI_IFNAME"] = ifName;
        start.Environment["CNI_PATH"] = cniPath;
        if (netns is not null)
        {
            start.Environment["CNI_NETNS"] = netns;
        }

        if (cniArgs is not null)
        {
            start.Environment["CNI_ARGS"] = cniArgs;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + pluginPath);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(config);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
