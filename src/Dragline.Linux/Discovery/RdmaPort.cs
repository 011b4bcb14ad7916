namespace Dragline.Linux.Discovery;

/// <summary>One port of an RDMA device (<c>ports/N</c>).</summary>
public sealed record RdmaPort
{
    public required int Number { get; init; }

    public RdmaPortState State { get; init; }

    /// <summary><c>state</c> as the kernel prints it: <c>4: ACTIVE</c>.</summary>
    public string? StateText { get; init; }

    /// <summary><c>phys_state</c> as the kernel prints it: <c>5: LinkUp</c>.</summary>
    public string? PhysicalStateText { get; init; }

    public RdmaLinkLayer LinkLayer { get; init; }

    /// <summary>The LID (InfiniBand); 0 on Ethernet.</summary>
    public int? Lid { get; init; }

    /// <summary><c>rate</c>: <c>100 Gb/sec (4X EDR)</c>.</summary>
    public string? Rate { get; init; }

    /// <summary>The GID table entries that are set (not all zeros), by index.</summary>
    public IReadOnlyList<RdmaGid> Gids { get; init; } = [];

    /// <summary>
    /// The netdev of the port: <c>gid_attrs/ndevs/0</c> (RoCE), else the <c>parent</c> attribute
    /// (Soft-RoCE), else the PCI function's netdev with the matching <c>dev_port</c> (InfiniBand).
    /// </summary>
    public string? NetDevice { get; init; }

    public bool IsActive => State == RdmaPortState.Active;
}
