using System.Runtime.InteropServices;
using Dragline.Core;

namespace Dragline.Linux;

/// <summary>
/// A Linux system call or kernel request failed. Carries the errno, the operation that failed and
/// the value it was applied to; <see cref="DraglineException.Reason"/> classifies the errno so that
/// callers can branch (for example <see cref="DraglineErrorReason.NotFound"/> for ENODEV/ENOENT).
/// </summary>
public class LinuxException : DraglineException
{
    public LinuxException(string operation, string value, int errno)
        : this(operation, value, errno, null)
    {
    }

    public LinuxException(string operation, string value, int errno, string? detail)
        : base(ReasonOf(errno), FormatMessage(operation, value, errno, detail))
    {
        Operation = operation;
        Value = value;
        Errno = errno;
    }

    /// <summary>What was being done, e.g. "create veth link".</summary>
    public string Operation { get; }

    /// <summary>The value the operation was applied to, e.g. the link name.</summary>
    public string Value { get; }

    /// <summary>The positive errno value.</summary>
    public int Errno { get; }

    /// <summary>The symbolic errno name, e.g. "EEXIST".</summary>
    public string ErrnoName => Errnos.NameOf(Errno);

    /// <summary>Throws a <see cref="LinuxException"/> for the errno of the last P/Invoke.</summary>
    internal static LinuxException FromLastError(string operation, string value) =>
        new(operation, value, Marshal.GetLastPInvokeError());

    private static DraglineErrorReason ReasonOf(int errno) => errno switch
    {
        Errnos.ENOENT or Errnos.ENODEV or Errnos.ESRCH or Errnos.ENXIO or Errnos.EADDRNOTAVAIL => DraglineErrorReason.NotFound,
        Errnos.EEXIST or Errnos.EBUSY or Errnos.ENOTEMPTY => DraglineErrorReason.Conflict,
        Errnos.EINVAL or Errnos.ERANGE or Errnos.E2BIG or Errnos.ENAMETOOLONG => DraglineErrorReason.InvalidValue,
        Errnos.ENOMEM or Errnos.ENOSPC or Errnos.ENOBUFS => DraglineErrorReason.Exhausted,
        _ => DraglineErrorReason.System,
    };

    private static string FormatMessage(string operation, string value, int errno, string? detail)
    {
        string text = $"Cannot {operation} '{value}': {Errnos.NameOf(errno)} ({Marshal.GetPInvokeErrorMessage(errno)})";
        if (!string.IsNullOrEmpty(detail))
        {
            text += $"; kernel says: {detail}";
        }

        string? hint = Errnos.HintOf(errno);
        return hint is null ? text + "." : $"{text}. {hint}";
    }
}
