namespace Dragline.Ipam;

/// <summary>A CNI GC as the agent passes it on: the network, the node, and the attachments still in use.</summary>
public sealed record GarbageCollectionRequest
{
    /// <summary>The CNI network (<c>name</c> of the network configuration). Required.</summary>
    public required string Network { get; init; }

    /// <summary>The node; empty means the engine's <see cref="IpamEngineOptions.NodeName"/>.</summary>
    public string Node { get; init; } = "";

    /// <summary>The attachments in use (<c>cni.dev/valid-attachments</c>); their addresses are kept.</summary>
    public required IReadOnlyList<GarbageCollectionAttachment> ValidAttachments { get; init; }
}
