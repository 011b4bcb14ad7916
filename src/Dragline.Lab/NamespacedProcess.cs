using System.Diagnostics;
using Dragline.Linux.Namespaces;

namespace Dragline.Lab;

/// <summary>
/// Runs a program inside a network namespace without a shell: a dedicated thread enters the namespace
/// (<see cref="NetworkNamespace.Run{T}(Func{T})"/>) and starts the process from there; the child inherits the
/// thread's namespace. Arguments are passed as a list, never as a command line.
/// </summary>
public static class NamespacedProcess
{
    /// <summary>The exit code, standard output and standard error of one run.</summary>
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static Outcome Run(NetworkNamespace networkNamespace, string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, string? input, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(networkNamespace);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach ((string key, string value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        Process process = networkNamespace.Run(() => Process.Start(start) ?? throw new LabException($"could not start {program}"));
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new Outcome(-1, output.Result, $"{program} did not finish within {timeout.TotalSeconds:0} s and was killed");
            }

            return new Outcome(process.ExitCode, output.Result, error.Result);
        }
    }
}
