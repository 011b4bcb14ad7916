namespace Dragline.Core;

/// <summary>
/// Base of every exception Dragline raises on purpose. The message names the offending value and
/// what to do about it; <see cref="Reason"/> lets callers branch without parsing text.
/// </summary>
public class DraglineException : Exception
{
    public DraglineException(DraglineErrorReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public DraglineException(DraglineErrorReason reason, string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public DraglineErrorReason Reason { get; }
}
