namespace Dragline.Cni.Agent;

/// <summary>
/// The <c>code</c> values of <see cref="AgentErrorResponse"/>, each with its HTTP status and the CNI
/// code the plugin turns it into.
/// </summary>
public static class AgentErrorCodes
{
    /// <summary>400: the request is invalid (unknown pool, bad requested IP, missing field). CNI 7.</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>404: no such allocation (GET) or pod. DEL treats it as success; CHECK as CNI 101.</summary>
    public const string NotFound = "NotFound";

    /// <summary>403: the agent refuses by policy (e.g. the pod is terminating). CNI 102.</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>409: a store conflict that outlived the agent's retries. CNI 11.</summary>
    public const string Conflict = "Conflict";

    /// <summary>507: every candidate pool is exhausted; the message names them. CNI 100.</summary>
    public const string PoolExhausted = "PoolExhausted";

    /// <summary>503: not ready yet, or the store is unreachable. CNI 11.</summary>
    public const string Unavailable = "Unavailable";

    /// <summary>500: an unexpected failure in the agent. CNI 102.</summary>
    public const string Internal = "Internal";
}
