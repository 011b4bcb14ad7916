using System.Globalization;
using Dragline.Linux.Interop;

namespace Dragline.Linux;

/// <summary>
/// Sends a signal to one process with kill(2). Only a positive pid is accepted: kill(2) reads 0 and negative pids as
/// process groups (-1: every process the caller may signal), which no caller here means.
/// </summary>
public static class ProcessSignals
{
    /// <summary>SIGTERM: asks the process to shut down. False when it is already gone (ESRCH).</summary>
    /// <exception cref="LinuxException">Any other failure, such as EPERM for another user's process.</exception>
    public static bool Terminate(int pid) => Send(pid, LibCConstants.SIGTERM, "send SIGTERM to process");

    /// <summary>SIGKILL: ends the process at once. False when it is already gone (ESRCH).</summary>
    /// <exception cref="LinuxException">Any other failure, such as EPERM for another user's process.</exception>
    public static bool Kill(int pid) => Send(pid, LibCConstants.SIGKILL, "send SIGKILL to process");

    private static bool Send(int pid, int signal, string operation)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pid);
        if (LibC.Kill(pid, signal) == 0)
        {
            return true;
        }

        LinuxException error = LinuxException.FromLastError(operation, pid.ToString(CultureInfo.InvariantCulture));
        return error.Errno == Errnos.ESRCH ? false : throw error;
    }
}
