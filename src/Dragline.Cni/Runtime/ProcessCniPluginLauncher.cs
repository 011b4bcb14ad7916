using System.Diagnostics;

namespace Dragline.Cni.Runtime;

/// <summary>Starts the plugin as a child process in the caller's namespaces, as a container runtime does.</summary>
public sealed class ProcessCniPluginLauncher : ICniPluginLauncher
{
    public CniPluginOutcome Launch(string pluginPath, IReadOnlyDictionary<string, string> environment, string stdin, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(stdin);
        var start = new ProcessStartInfo(pluginPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start)
            ?? throw new CniException(CniErrorCode.Internal, $"could not start the CNI plugin {pluginPath}");
        // Both pipes are drained while stdin is written: a plugin that prints much before reading must not deadlock.
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CniPluginOutcome(-1, output.Result, $"{pluginPath} did not finish within {timeout.TotalSeconds:0} s and was killed");
        }

        return new CniPluginOutcome(process.ExitCode, output.Result, error.Result);
    }
}
