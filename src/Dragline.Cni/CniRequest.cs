namespace Dragline.Cni;

/// <summary>One validated invocation: the environment, the decoded configuration and its version.</summary>
public sealed class CniRequest
{
    public required CniEnvironment Environment { get; init; }

    public required CniNetworkConfig Config { get; init; }

    /// <summary>The version the configuration asked for (and the one a result is printed in).</summary>
    public required CniVersion Version { get; init; }

    /// <summary>The network name (<c>name</c>), validated.</summary>
    public string NetworkName => Config.Name ?? string.Empty;

    public CniCommand Command => Environment.Command;
}
