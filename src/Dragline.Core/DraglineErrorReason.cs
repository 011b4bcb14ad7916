namespace Dragline.Core;

/// <summary>Why a <see cref="DraglineException"/> was raised.</summary>
public enum DraglineErrorReason
{
    /// <summary>A value could not be parsed or is out of its allowed range.</summary>
    InvalidValue,

    /// <summary>A document or configuration is malformed.</summary>
    Malformed,

    /// <summary>Something required was not found.</summary>
    NotFound,

    /// <summary>Two writers raced; the caller should re-read and retry.</summary>
    Conflict,

    /// <summary>No resource (address, VF, device) is left.</summary>
    Exhausted,

    /// <summary>A dependency (agent, store, kernel) could not be reached.</summary>
    Unavailable,

    /// <summary>The operating system refused an operation.</summary>
    System,
}
