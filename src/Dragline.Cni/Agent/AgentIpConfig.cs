using System.Text.Json.Serialization;

namespace Dragline.Cni.Agent;

/// <summary>One allocated address.</summary>
public sealed class AgentIpConfig
{
    /// <summary>The interface (CNI_IFNAME) the address belongs to. Required.</summary>
    [JsonPropertyName("interface")]
    public required string Interface { get; init; }

    /// <summary>4 or 6. Required.</summary>
    [JsonPropertyName("version")]
    public required int Version { get; init; }

    /// <summary>The address with the pool subnet's prefix length, e.g. "10.6.1.21/16". Required.</summary>
    [JsonPropertyName("address")]
    public required string Address { get; init; }

    /// <summary>The pool it came from. Required.</summary>
    [JsonPropertyName("pool")]
    public required string Pool { get; init; }

    /// <summary>The pool's gateway, when it has one.</summary>
    [JsonPropertyName("gateway")]
    public string? Gateway { get; init; }

    /// <summary>The pool's VLAN ID (0 or absent: untagged).</summary>
    [JsonPropertyName("vlan")]
    public int? Vlan { get; init; }
}
