namespace Dragline.Lab;

/// <summary>
/// The preflight found the lab cannot be built here (a missing CNI plugin, no SR-IOV or RDMA); nothing was created.
/// Its own type because the CLI branches on it: there is no state directory to point the user at.
/// </summary>
public sealed class LabPreflightException : Exception
{
    public LabPreflightException()
    {
    }

    public LabPreflightException(string message)
        : base(message)
    {
    }

    public LabPreflightException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LabPreflightException(string message, IReadOnlyList<string> problems)
        : base(message)
    {
        Problems = problems;
    }

    /// <summary>One line per missing plugin or capability.</summary>
    public IReadOnlyList<string> Problems { get; } = [];
}
