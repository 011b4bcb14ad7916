using Dragline.Core;

namespace Dragline.Cni;

/// <summary>
/// A failure that leaves a CNI plugin as the spec's error JSON. <see cref="Code"/> is the CNI error
/// code; the message says what was wrong with the offending value and what to do.
/// </summary>
public class CniException : DraglineException
{
    public CniException(CniErrorCode code, string message, string? details = null, Exception? innerException = null)
        : base(ReasonOf(code), message, innerException)
    {
        Code = code;
        Details = details;
    }

    /// <summary>The CNI error code written to the error JSON.</summary>
    public CniErrorCode Code { get; }

    /// <summary>Optional longer explanation written as <c>details</c>.</summary>
    public string? Details { get; }

    private static DraglineErrorReason ReasonOf(CniErrorCode code) => code switch
    {
        CniErrorCode.IncompatibleVersion or CniErrorCode.UnsupportedField or CniErrorCode.InvalidEnvironment
            or CniErrorCode.InvalidNetworkConfig => DraglineErrorReason.InvalidValue,
        CniErrorCode.DecodingFailure => DraglineErrorReason.Malformed,
        CniErrorCode.UnknownContainer or CniErrorCode.AllocationMismatch => DraglineErrorReason.NotFound,
        CniErrorCode.TryAgainLater or CniErrorCode.PluginNotAvailable or CniErrorCode.LimitedConnectivity
            => DraglineErrorReason.Unavailable,
        CniErrorCode.PoolExhausted => DraglineErrorReason.Exhausted,
        CniErrorCode.IoFailure => DraglineErrorReason.System,
        _ => DraglineErrorReason.InvalidValue,
    };
}
