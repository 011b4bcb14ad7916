namespace Dragline.Cni;

/// <summary>
/// Error codes of the CNI specification (0–99 are the spec's), plus Dragline's own (100+) and the
/// reference library's catch-all 999.
/// </summary>
public enum CniErrorCode
{
    /// <summary>1: the configuration's cniVersion is not one the plugin supports.</summary>
    IncompatibleVersion = 1,

    /// <summary>2: a field of the network configuration is not supported; the message names the key and value.</summary>
    UnsupportedField = 2,

    /// <summary>3: the container is unknown or does not exist.</summary>
    UnknownContainer = 3,

    /// <summary>4: a required environment variable is missing or invalid; the message names it.</summary>
    InvalidEnvironment = 4,

    /// <summary>5: an I/O failure, such as reading stdin.</summary>
    IoFailure = 5,

    /// <summary>6: the configuration (or another input) could not be decoded.</summary>
    DecodingFailure = 6,

    /// <summary>7: the network configuration is invalid.</summary>
    InvalidNetworkConfig = 7,

    /// <summary>11: a transient failure; the runtime should retry later.</summary>
    TryAgainLater = 11,

    /// <summary>50 (STATUS): the plugin cannot serve ADD now.</summary>
    PluginNotAvailable = 50,

    /// <summary>51 (STATUS): not available, and existing containers may have limited connectivity.</summary>
    LimitedConnectivity = 51,

    /// <summary>100 (Dragline): every candidate IP pool of the network is exhausted.</summary>
    PoolExhausted = 100,

    /// <summary>101 (Dragline, CHECK): the agent holds no allocation, or a different one, for the attachment.</summary>
    AllocationMismatch = 101,

    /// <summary>102 (Dragline): the agent refused the request for a reason given in the message.</summary>
    AgentRejected = 102,

    /// <summary>999: an unexpected internal failure (the reference library's catch-all).</summary>
    Internal = 999,
}
