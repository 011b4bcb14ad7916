using Dragline.Core;

namespace Dragline.Sriov.Policy;

/// <summary>
/// A policy file that cannot be used. <see cref="Exception.Message"/> says what is wrong with the file
/// as a whole and what to do; <see cref="Problems"/> lists the broken objects one line each, for the caller to
/// print before it.
/// </summary>
public sealed class SriovPolicyFileException : DraglineException
{
    public SriovPolicyFileException(DraglineErrorReason reason, string message, IReadOnlyList<string>? problems = null, Exception? innerException = null)
        : base(reason, message, innerException)
    {
        Problems = problems ?? [];
    }

    /// <summary>One line per broken policy object, e.g. <c>error: SriovNetworkNodePolicy/x: spec.numVfs: ... (file:3)</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
