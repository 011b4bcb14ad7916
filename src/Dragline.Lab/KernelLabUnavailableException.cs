namespace Dragline.Lab;

/// <summary><c>lab up --kernel</c> cannot run on this machine; the message says what is missing.</summary>
public sealed class KernelLabUnavailableException : Exception
{
    public KernelLabUnavailableException()
    {
    }

    public KernelLabUnavailableException(string message)
        : base(message)
    {
    }

    public KernelLabUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
